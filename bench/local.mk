# bench/ — hpbench: subcommands, system tuning knobs, statistics.
# lib/stats.c and lib/store-bench.c live in libhp so every program can use them.
lib_libhp_la_SOURCES += lib/stats.c lib/stats.h

bin_PROGRAMS += hpbench
hpbench_SOURCES = bench/main.c
hpbench_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
hpbench_LDADD = lib/libhp.la $(JANSSON_LIBS)
dist_man_MANS += man/hpbench.1

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-stats
TESTS += tests/unit/test-stats
tests_unit_test_stats_SOURCES = tests/unit/test-stats.c
tests_unit_test_stats_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_stats_LDADD = lib/libhp.la $(CRITERION_LIBS) -lm
endif
