# viewer/ — hpview: ncurses screens over lib/ queries.  viewer/libview.la holds
# the widgets, the screen models and the screens, so the unit tests and
# `hprof top` link the same code.
noinst_LTLIBRARIES += viewer/libview.la
viewer_libview_la_SOURCES = \
	viewer/view.c viewer/view.h \
	viewer/model.h viewer/model-runs.c viewer/model-rank.c viewer/model-source.c \
	viewer/model-tree.c viewer/model-flame.c viewer/model-threads.c viewer/model-bench.c \
	viewer/app.c viewer/app.h viewer/screens.c viewer/screens.h \
	viewer/screen-runs.c viewer/screen-functions.c viewer/screen-lines.c \
	viewer/screen-source.c viewer/screen-tree.c viewer/screen-flame.c \
	viewer/screen-threads.c viewer/screen-bench.c viewer/screen-compare.c \
	viewer/screen-help.c
viewer_libview_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(NCURSES_CFLAGS)
viewer_libview_la_LIBADD = lib/libhp.la $(NCURSES_LIBS) -lm

bin_PROGRAMS += hpview
hpview_SOURCES = viewer/main.c
hpview_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(NCURSES_CFLAGS)
hpview_LDADD = viewer/libview.la lib/libhp.la $(NCURSES_LIBS)
dist_man_MANS += man/hpview.1 man/hprof-top.1

# Tests: the screen models against real databases, and the TUI under tmux.
check_PROGRAMS += tests/tui/view-mkdb
tests_tui_view_mkdb_SOURCES = tests/tui/view-mkdb.c tests/tui/view-fixture.c tests/tui/view-fixture.h
tests_tui_view_mkdb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/tui
tests_tui_view_mkdb_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_tui_view_mkdb_LDADD = lib/libhp.la
EXTRA_DIST += tests/tui/hot.py
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test-view-models
TESTS += tests/unit/test-view-models
tests_unit_test_view_models_SOURCES = tests/unit/test-view-models.c tests/tui/view-fixture.c \
	tests/tui/view-fixture.h
tests_unit_test_view_models_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/tui -I$(top_srcdir)/viewer \
	-DHOT_PY='"$(abs_top_srcdir)/tests/tui/hot.py"'
tests_unit_test_view_models_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_view_models_LDADD = viewer/libview.la lib/libhp.la $(CRITERION_LIBS) -lm
endif
TESTS += tests/tui/hpview-profile.sh tests/tui/hpview-compare.sh tests/tui/hpview-exit.sh \
	tests/tui/hpview-threads.sh
EXTRA_DIST += tests/tui/tui-lib.sh tests/tui/hpview-profile.sh tests/tui/hpview-compare.sh \
	tests/tui/hpview-exit.sh tests/tui/hpview-threads.sh
check_PROGRAMS += tests/tui/spin
tests_tui_spin_SOURCES = tests/tui/spin.c
tests_tui_spin_CFLAGS = -O1 -g -fno-omit-frame-pointer
TESTS += tests/tui/top-command.sh tests/tui/top-pid.sh tests/tui/top-python.sh
EXTRA_DIST += tests/tui/top-command.sh tests/tui/top-pid.sh tests/tui/top-python.sh tests/tui/spin.c
