# profiler/ — hprof: subcommands, samplers, the session and the aggregator.
noinst_LTLIBRARIES += profiler/libprofiler.la
profiler_libprofiler_la_SOURCES = \
	profiler/sampler.h profiler/commands.h \
	profiler/cmd-list.c \
	profiler/aggregate.c profiler/aggregate.h profiler/procinfo.c profiler/procinfo.h \
	profiler/session.c profiler/session.h profiler/backends.c profiler/backends.h \
	profiler/cmd-run.c profiler/cmd-attach.c
profiler_libprofiler_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(UNWIND_CFLAGS) $(DW_CFLAGS) $(ELF_CFLAGS)
profiler_libprofiler_la_LIBADD = lib/libhp.la $(UNWIND_LIBS) $(DW_LIBS) $(ELF_LIBS) $(ZLIB_LIBS)

bin_PROGRAMS += hprof
hprof_SOURCES = profiler/main.c
hprof_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
hprof_LDADD = profiler/libprofiler.la lib/libhp.la
dist_man_MANS += man/hprof.1
# run, attach, the session and the aggregator (helper "session").
dist_man_MANS += man/hprof-run.1
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-aggregate
TESTS += tests/unit/test-aggregate
tests_unit_test_aggregate_SOURCES = tests/unit/test-aggregate.c
tests_unit_test_aggregate_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_aggregate_LDADD = profiler/libprofiler.la lib/libhp.la $(CRITERION_LIBS)
endif
# benchmarks/overhead-aggregate.sh runs it (figures, not a test).
check_PROGRAMS += tests/unit/bench-aggregate
tests_unit_bench_aggregate_SOURCES = tests/unit/bench-aggregate.c
tests_unit_bench_aggregate_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_bench_aggregate_LDADD = profiler/libprofiler.la lib/libhp.la
PROFILE_TESTS = tests/integration/profile-split.sh tests/integration/profile-lines.sh \
	tests/integration/profile-threads.sh tests/integration/profile-recursion.sh \
	tests/integration/profile-children.sh tests/integration/profile-attach.sh \
	tests/integration/profile-wordcount.sh tests/integration/profile-run.sh \
	tests/integration/profile-errors.sh tests/integration/profile-blocking.sh
TESTS += $(PROFILE_TESTS)
EXTRA_DIST += $(PROFILE_TESTS) tests/integration/profile-lib.sh \
	tests/workloads/split.py tests/workloads/lines.py tests/workloads/threads.py \
	tests/workloads/recursion.py tests/workloads/children.py tests/workloads/longrun.py
# CPython reader, python backend, dump (helper "python"): its own fragment.
include $(top_srcdir)/profiler/python/local.mk
# report (helper "report"): the query layer is in libhp so hpview and top share it.
lib_libhp_la_SOURCES += lib/query.c lib/query.h lib/query-map.c lib/query-map.h \
	lib/query-tree.c lib/query-source.c
check_PROGRAMS += tests/unit/test-query-mkdb
tests_unit_test_query_mkdb_SOURCES = tests/unit/test-query-mkdb.c \
	tests/unit/test-query-fixture.c tests/unit/test-query-fixture.h
tests_unit_test_query_mkdb_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_query_mkdb_LDADD = lib/libhp.la
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-query
TESTS += tests/unit/test-query
tests_unit_test_query_SOURCES = tests/unit/test-query.c \
	tests/unit/test-query-fixture.c tests/unit/test-query-fixture.h
tests_unit_test_query_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_query_LDADD = lib/libhp.la $(CRITERION_LIBS) -lm
endif
profiler_libprofiler_la_SOURCES += profiler/cmd-report.c \
	lib/export.h lib/export-table.c lib/export-lines.c lib/export-speedscope.c
profiler_libprofiler_la_CFLAGS += $(JANSSON_CFLAGS)
profiler_libprofiler_la_LIBADD += $(JANSSON_LIBS)
hprof_CFLAGS += $(JANSSON_CFLAGS)
hprof_LDADD += $(JANSSON_LIBS)
dist_man_MANS += man/hprof-report.1
REPORT_TESTS = tests/integration/report-formats.sh tests/integration/report-mixed.sh \
	tests/integration/report-errors.sh tests/integration/report-python.sh \
	tests/integration/report-native-split.sh
TESTS += $(REPORT_TESTS)
EXTRA_DIST += $(REPORT_TESTS)
# native and mixed stacks (helper "native"): its own fragment.
include $(top_srcdir)/profiler/native/local.mk
# top (helper "viewer"): the live table draws with hpview's widgets (viewer/libview.la).
hprof_SOURCES += profiler/cmd-top.c
hprof_CFLAGS += $(NCURSES_CFLAGS)
hprof_LDADD += viewer/libview.la lib/libhp.la $(NCURSES_LIBS)
