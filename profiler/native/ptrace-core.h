/* ptrace-core.h — stop threads, unwind them with libunwind-ptrace, resume.
 *
 * Shared by the ptrace sampler and the mixed (Python + native) sampler, which
 * reads the interpreter's frames while the thread is stopped so the two
 * stacks describe the same instant.
 */
#ifndef HP_NATIVE_PTRACE_CORE_H
#define HP_NATIVE_PTRACE_CORE_H

#include <stdint.h>

#include "sampler.h"

struct ptrace_core;

/* One stopped thread. */
struct ptrace_stop {
	int pid, tid;
	int state;           /* enum store_sample_state */
	const uint64_t *ips; /* leaf first: the current IP, then return addresses */
	int n;               /* 0 when the unwinding failed */
	long syscall;        /* the system call it was in when stopped, or -1 */
};

/* Called for each sampled thread while it is stopped. */
typedef void (*ptrace_core_fn)(void *arg, const struct ptrace_stop *st);

struct symbolizer;
/* The core unwinds with the symbolizer's cached unwind tables (sy is borrowed). */
struct ptrace_core *ptrace_core_new(const struct sampler_opts *opts, struct symbolizer *sy);
void ptrace_core_free(struct ptrace_core *c);
/* Seize every thread of pid (and, at each snapshot, the threads it starts).
 * -ESRCH no such process, -EPERM not allowed (message in *why). */
int ptrace_core_add_process(struct ptrace_core *c, int pid, char **why);
/* Detach from pid's threads; the process goes on unharmed. */
void ptrace_core_remove_process(struct ptrace_core *c, int pid);
/* Sample every running thread (every thread in wall mode) once. */
void ptrace_core_snapshot(struct ptrace_core *c, ptrace_core_fn fn, void *arg);

/* A kernel frame naming system call `nr` ("__x64_sys_read", as the kernel's
 * symbols name its entry points): what --kernel adds to a stopped stack. */
void ptrace_syscall_frame(long nr, struct hp_frame *out);

#endif
