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

/* The threads of `pid` from /proc/PID/task: a new array, count in *n. */
int *native_tasks(int pid, int *n);

#endif
