# bench/ — hpbench: subcommands, system tuning knobs, statistics.
# lib/stats.c and lib/store-bench.c live in libhp so every program can use them.
lib_libhp_la_SOURCES += lib/stats.c lib/stats.h lib/store-bench.c lib/store-bench.h

noinst_LTLIBRARIES += bench/libbench.la
bench_libbench_la_SOURCES = \
	bench/spawn.c bench/spawn.h \
	bench/words.c bench/words.h \
	bench/report.c bench/report.h \
	bench/progress.c bench/progress.h \
	bench/meta.c bench/meta.h \
	bench/runner.c bench/runner.h \
	bench/runopts.c bench/runopts.h \
	bench/pyworker.c bench/pyworker.h \
	bench/profile.c bench/profile.h \
	bench/lines.c bench/lines.h \
	bench/cmd-run.c \
	bench/cmd-timeit.c \
	bench/runload.c bench/runload.h \
	bench/cmd-show.c \
	bench/cmd-stats.c \
	bench/cmd-hist.c \
	bench/cmd-list.c \
	bench/cmd-compare.c \
	bench/export.h \
	bench/export-pyperf.c \
	bench/export-hyperfine.c \
	bench/export-text.c \
	bench/cmd-export.c \
	bench/cmd-import.c \
	bench/system.h \
	bench/system/common.c \
	bench/system/knobs.c \
	bench/system/cpus.c \
	bench/system/governor.c \
	bench/system/intel-turbo.c \
	bench/system/cpufreq-boost.c \
	bench/system/min-freq.c \
	bench/system/smt.c \
	bench/system/irq-affinity.c \
	bench/system/irqbalance.c \
	bench/system/isolation.c \
	bench/system/aslr.c \
	bench/system/perf-rate.c \
	bench/system/nmi-watchdog.c \
	bench/system/thp.c \
	bench/system/swap.c \
	bench/system/power.c \
	bench/cmd-system.c
bench_libbench_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
bench_libbench_la_LIBADD = lib/libhp.la $(JANSSON_LIBS) -lm

bin_PROGRAMS += hpbench
hpbench_SOURCES = bench/main.c
hpbench_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
# run --profile samples with the profiler's session (profiler/session.c).
hpbench_LDADD = bench/libbench.la profiler/libprofiler.la lib/libhp.la $(JANSSON_LIBS)
dist_man_MANS += man/hpbench.1

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-stats
TESTS += tests/unit/test-stats
tests_unit_test_stats_SOURCES = tests/unit/test-stats.c
tests_unit_test_stats_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_stats_LDADD = lib/libhp.la $(CRITERION_LIBS) -lm
check_PROGRAMS += tests/unit/test-bench-words tests/unit/test-bench-spawn
TESTS += tests/unit/test-bench-words tests/unit/test-bench-spawn
tests_unit_test_bench_words_SOURCES = tests/unit/test-bench-words.c
tests_unit_test_bench_words_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_bench_words_LDADD = bench/libbench.la lib/libhp.la $(CRITERION_LIBS)
tests_unit_test_bench_spawn_SOURCES = tests/unit/test-bench-spawn.c
tests_unit_test_bench_spawn_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_bench_spawn_LDADD = bench/libbench.la lib/libhp.la $(CRITERION_LIBS)
endif

BENCH_TESTS = tests/integration/bench-system.sh tests/integration/bench-run.sh \
	tests/integration/bench-timeit.sh tests/integration/bench-results.sh \
	tests/integration/bench-profile.sh
TESTS += $(BENCH_TESTS)
EXTRA_DIST += $(BENCH_TESTS) tests/integration/bench-lib.sh tests/workloads/bench-hot.py
# hpview's Benchmark screen opening the profile of run --profile (a viewer test
# listed here with the feature it tests).
TESTS += tests/tui/hpview-bench-profile.sh
EXTRA_DIST += tests/tui/hpview-bench-profile.sh
