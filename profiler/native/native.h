/* native.h — what the native backends (perf, ptrace, mixed, bpf) share.
 *
 * The ops tables the session finds in profiler/backends.c, and the small
 * helpers all of them use to turn raw addresses into hp_frame arrays and to
 * name threads.
 */
#ifndef HP_NATIVE_NATIVE_H
#define HP_NATIVE_NATIVE_H

#include <stdint.h>

#include "sampler.h"

struct symbolizer;

extern const struct sampler_ops perf_sampler_ops;
extern const struct sampler_ops ptrace_sampler_ops;
extern const struct sampler_ops mixed_sampler_ops;
extern const struct sampler_ops bpf_sampler_ops;

/* Most frames one native stack may have (deeper ones are cut at the root). */
enum { NATIVE_MAX_FRAMES = 512 };

/* Append the frames of user addresses ips[0..n) (leaf first; ips[0] is the
 * sampled IP, later ones return addresses) to out at *len, up to max. */
void native_user_frames(struct symbolizer *sy, int pid, const uint64_t *ips, int n,
			struct hp_frame *out, int *len, int max);

/* A thread's name (/proc/PID/task/TID/comm), cached; "" when unknown. */
struct native_comms;
struct native_comms *native_comms_new(void);
void native_comms_free(struct native_comms *c);
const char *native_comms_get(struct native_comms *c, int pid, int tid);
void native_comms_set(struct native_comms *c, int tid, const char *name);

/* perf_events helpers (perf.c), shared with the bpf backend. */
struct perf_event_attr;
/* perf_event_open(2) with FD_CLOEXEC; HPROF_NO_PERF=1 (anything but 0 or
 * empty) makes it fail with EACCES as if denied, so tests can force the
 * fallback to ptrace.  An fd, or -1 with errno set. */
int native_perf_open(struct perf_event_attr *attr, int pid, int cpu);
/* An event name of --event: 0, or -ENOENT when unknown. */
int native_perf_event(const char *name, uint32_t *type, uint64_t *config);
/* perf and bpf sample on-CPU time only: the --mode wall refusal (-ENOTSUP). */
int native_wall_unsupported(const char *backend, char **why);
/* The "perf_event_open denied" message (with perf_event_paranoid); -EACCES. */
int native_perf_denied(int err, char **why);
/* Call open_one(arg, pid, tid, cpu) for every thread of pid and every CPU;
 * 0 when at least one event opened, else -errno with the one message for a
 * process that cannot be sampled. */
typedef int (*native_perf_open_fn)(void *arg, int pid, int tid, int cpu);
int native_perf_each_thread(int pid, int ncpu, native_perf_open_fn open_one, void *arg,
			    char **why);

/* The threads of `pid` from /proc/PID/task: a new array, count in *n. */
int *native_tasks(int pid, int *n);

#endif
