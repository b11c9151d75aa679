# profiler/native/ — native and mixed stacks: perf_events, ptrace, libunwind,
# the DWARF symbolizer (helper "native").  Included from profiler/local.mk.
profiler_libprofiler_la_SOURCES += \
	profiler/native/native.h profiler/native/common.c \
	profiler/native/symbols.c profiler/native/symbols.h \
	profiler/native/unwind.c profiler/native/unwind.h \
	profiler/native/perf.c \
	profiler/native/ptrace.c profiler/native/ptrace-core.h \
	profiler/native/mixed.c

dist_man_MANS += man/hprof-native.1

# Test workloads that know their truth, and a driver for one backend alone.
check_PROGRAMS += tests/workloads/native/native-drive \
	tests/workloads/native/split-fp tests/workloads/native/split-nofp
tests_workloads_native_native_drive_SOURCES = tests/workloads/native/native-drive.c
tests_workloads_native_native_drive_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_workloads_native_native_drive_LDADD = profiler/libprofiler.la lib/libhp.la
# Workloads get their own flags only (no sanitizers: they are the profiled truth).
tests_workloads_native_split_fp_SOURCES = tests/workloads/native/split.c
tests_workloads_native_split_fp_CFLAGS = -O2 -g -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
tests_workloads_native_split_nofp_SOURCES = tests/workloads/native/split.c
tests_workloads_native_split_nofp_CFLAGS = -O2 -g -fomit-frame-pointer
check_PROGRAMS += tests/workloads/native/threads tests/workloads/native/forkchild \
	tests/workloads/native/dlmain
tests_workloads_native_threads_SOURCES = tests/workloads/native/threads.c
tests_workloads_native_threads_CFLAGS = -O2 -g -pthread
tests_workloads_native_threads_LDADD = -lpthread
tests_workloads_native_forkchild_SOURCES = tests/workloads/native/forkchild.c
tests_workloads_native_forkchild_CFLAGS = -O2 -g
tests_workloads_native_dlmain_SOURCES = tests/workloads/native/dlmain.c
tests_workloads_native_dlmain_CFLAGS = -O2 -g
tests_workloads_native_dlmain_LDADD = -ldl
# plugin.c is built by tests/integration/native-dlopen.sh with cc -shared
# (libtool here builds static libraries only).
EXTRA_DIST += tests/workloads/native/plugin.c tests/integration/native-lib.sh
TESTS += tests/integration/native-split.sh
EXTRA_DIST += tests/integration/native-split.sh
TESTS += tests/integration/native-fallback.sh tests/integration/native-threads.sh \
	tests/integration/native-fork.sh tests/integration/native-dlopen.sh \
	tests/integration/native-attach.sh
EXTRA_DIST += tests/integration/native-fallback.sh tests/integration/native-threads.sh \
	tests/integration/native-fork.sh tests/integration/native-dlopen.sh \
	tests/integration/native-attach.sh
TESTS += tests/integration/native-mixed.sh
EXTRA_DIST += tests/integration/native-mixed.sh tests/workloads/native/mixed_zlib.py
TESTS += tests/integration/native-wordcount.sh
EXTRA_DIST += tests/integration/native-wordcount.sh
TESTS += tests/integration/native-kernel.sh
EXTRA_DIST += tests/integration/native-kernel.sh

# The eBPF backend: profile.bpf.c -> .bpf.o (clang -target bpf) -> .skel.h
# (bpftool gen skeleton), compiled in only when configure found the tools.
EXTRA_DIST += profiler/native/profile.bpf.c
if HAVE_BPF
profiler_libprofiler_la_SOURCES += profiler/native/bpf.c
profiler_libprofiler_la_CFLAGS += $(BPF_CFLAGS)
profiler_libprofiler_la_LIBADD += $(BPF_LIBS)
BUILT_SOURCES += profiler/native/profile.skel.h
CLEANFILES += profiler/native/profile.bpf.o profiler/native/profile.skel.h
# also when only this object is asked for (BUILT_SOURCES serve `make all`)
profiler/native/libprofiler_la-bpf.lo: profiler/native/profile.skel.h
endif
BPF_TARGET_CFLAGS = -g -O2 -target bpf -idirafter /usr/include/$(host_cpu)-linux-gnu
%.bpf.o: %.bpf.c
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(CLANG) $(BPF_TARGET_CFLAGS) -c $< -o $@
%.skel.h: %.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton $< name $(notdir $*)_bpf > $@.tmp && mv $@.tmp $@
TESTS += tests/integration/native-bpf.sh
EXTRA_DIST += tests/integration/native-bpf.sh
TESTS += tests/integration/native-run.sh
EXTRA_DIST += tests/integration/native-run.sh
check_PROGRAMS += tests/workloads/native/inline
tests_workloads_native_inline_SOURCES = tests/workloads/native/inline.c
tests_workloads_native_inline_CFLAGS = -O2 -g
TESTS += tests/integration/native-inline.sh
EXTRA_DIST += tests/integration/native-inline.sh
TESTS += tests/integration/native-lost.sh
EXTRA_DIST += tests/integration/native-lost.sh
TESTS += tests/integration/native-mixed-split.sh
EXTRA_DIST += tests/integration/native-mixed-split.sh tests/workloads/native/mixed_split.py
TESTS += tests/integration/native-wall.sh
EXTRA_DIST += tests/integration/native-wall.sh
