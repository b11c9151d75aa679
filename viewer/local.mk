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
dist_man_MANS += man/hpview.1
