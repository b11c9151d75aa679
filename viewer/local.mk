# viewer/ — hpview: ncurses screens over lib/ queries.
bin_PROGRAMS += hpview
hpview_SOURCES = viewer/main.c
hpview_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(NCURSES_CFLAGS)
hpview_LDADD = lib/libhp.la $(NCURSES_LIBS)
dist_man_MANS += man/hpview.1
