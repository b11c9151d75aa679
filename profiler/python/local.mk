# profiler/python/ — reading CPython from outside, the python backend, `hprof dump`,
# and the ELF/maps readers' tests.  Included from profiler/local.mk.
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-pyelf
TESTS += tests/unit/test-pyelf
tests_unit_test_pyelf_SOURCES = tests/unit/test-pyelf.c
tests_unit_test_pyelf_CFLAGS = $(AM_CFLAGS) $(ELF_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_pyelf_LDADD = lib/libhp.la $(CRITERION_LIBS)
endif
