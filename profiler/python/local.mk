# profiler/python/ — reading CPython from outside, the python backend, `hprof dump`,
# and the ELF/maps readers' tests.  Included from profiler/local.mk.
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-pyelf
TESTS += tests/unit/test-pyelf
tests_unit_test_pyelf_SOURCES = tests/unit/test-pyelf.c
tests_unit_test_pyelf_CFLAGS = $(AM_CFLAGS) $(ELF_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_pyelf_LDADD = lib/libhp.la $(CRITERION_LIBS)
endif

profiler_libprofiler_la_SOURCES += \
	profiler/python/layouts.c profiler/python/layouts.h \
	profiler/python/linetable.c profiler/python/linetable.h
EXTRA_DIST += tools/gen-pylayouts tests/unit/pylines-fixture.py

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-pylines
TESTS += tests/unit/test-pylines
tests_unit_test_pylines_SOURCES = tests/unit/test-pylines.c
tests_unit_test_pylines_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_pylines_LDADD = profiler/libprofiler.la lib/libhp.la $(CRITERION_LIBS)
endif

profiler_libprofiler_la_SOURCES += \
	profiler/python/pyproc.h profiler/python/pyint.h \
	profiler/python/pymem.c profiler/python/pyruntime.c \
	profiler/python/pythreads.c profiler/python/pyframes.c \
	profiler/python/sampler.c \
	profiler/cmd-dump.c
dist_man_MANS += man/hprof-dump.1

PY_DUMP_TESTS = tests/integration/py-dump-stacks.sh tests/integration/py-dump-errors.sh \
	tests/integration/py-dump-torn.sh tests/integration/py-dump-subinterp.sh
TESTS += $(PY_DUMP_TESTS)
EXTRA_DIST += $(PY_DUMP_TESTS)

# A driver for the sample-cost benchmark and the torn-read test.
noinst_PROGRAMS += profiler/python/pysample-drive
profiler_python_pysample_drive_SOURCES = profiler/python/pysample-drive.c
profiler_python_pysample_drive_LDADD = profiler/libprofiler.la lib/libhp.la

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-pysampler
TESTS += tests/unit/test-pysampler
tests_unit_test_pysampler_SOURCES = tests/unit/test-pysampler.c
tests_unit_test_pysampler_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_pysampler_LDADD = profiler/libprofiler.la lib/libhp.la $(CRITERION_LIBS)
endif
