# profiler/native/ — native and mixed stacks: perf_events, ptrace, libunwind,
# the DWARF symbolizer (helper "native").  Included from profiler/local.mk.
profiler_libprofiler_la_SOURCES += \
	profiler/native/native.h profiler/native/common.c \
	profiler/native/symbols.c profiler/native/symbols.h \
	profiler/native/unwind.c profiler/native/unwind.h \
	profiler/native/perf.c \
	profiler/native/ptrace.c profiler/native/ptrace-core.h

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
