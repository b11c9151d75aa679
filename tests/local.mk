# tests/ — shared test harness and the store's unit tests.
EXTRA_DIST += tests/env.sh.in
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-store
TESTS += tests/unit/test-store
tests_unit_test_store_SOURCES = tests/unit/test-store.c
tests_unit_test_store_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_LDADD = lib/libhp.la $(CRITERION_LIBS)
endif
TESTS += tests/integration/cli-basics.sh
EXTRA_DIST += tests/integration/cli-basics.sh
