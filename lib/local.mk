# lib/ — the shared core: store, util, statistics, ... (libhp.la)
noinst_LTLIBRARIES += lib/libhp.la
lib_libhp_la_SOURCES = \
	lib/util.c lib/util.h \
	lib/cmd.c lib/cmd.h \
	lib/hostinfo.c lib/hostinfo.h \
	lib/schema.c lib/schema.h \
	lib/store.c lib/store.h \
	lib/procmaps.c lib/procmaps.h lib/elfsym.c lib/elfsym.h
lib_libhp_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(ELF_CFLAGS)
lib_libhp_la_LIBADD = $(SQLITE_LIBS) $(ELF_LIBS) -lm
