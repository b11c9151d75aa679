/* sampler.h — the one interface every sampling backend implements.
 *
 * A backend (python, perf, ptrace, bpf, mixed) turns "what is process P doing
 * now" into hp_sample records, which it hands to a sink (the aggregator in
 * profiler/aggregate.c) that interns frames and stacks and batches them into
 * the store.  The session (profiler/session.c) owns the timing: it calls
 * collect() on every timer tick for timer-driven backends, or when one of the
 * backend's poll fds is readable for event-driven ones.
 */
#ifndef HP_SAMPLER_H
#define HP_SAMPLER_H

#include <poll.h>
#include <stdint.h>

#include "store.h"

/* One frame.  Strings belong to the backend and stay valid until the next
 * collect() call (backends keep them in their caches). */
struct hp_frame {
	int kind;             /* enum store_frame_kind */
	const char *function; /* qualified name where the version has it */
	const char *file;     /* source file, "" when unknown */
	int line;             /* current line, 0 when unknown */
	int def_line;         /* first line of the function, 0 when unknown */
	const char *module;   /* native: ELF path of the library/executable */
	uint64_t ip;          /* native: the address sampled (0 for Python) */
	/* Backend's identity of this exact frame content (e.g. code object
	 * address and line, or build-id hash and ip), used by the sink to skip
	 * string hashing; 0 means "hash the strings". */
	uint64_t key;
};

/* One stack of one thread at one moment.  frames[0] is the innermost (leaf). */
struct hp_sample {
	int pid, tid;
	const char *thread_name; /* NULL when unknown */
	int state;               /* enum store_sample_state */
	int nframes;
	const struct hp_frame *frames;
	uint64_t t_ns;           /* CLOCK_MONOTONIC when taken */
	uint64_t weight;         /* usually 1 */
};

struct hp_sink;
void hp_sink_add(struct hp_sink *sink, const struct hp_sample *s);
/* A sample that could not be taken (torn read, unwinding failure, lost ring
 * records...): counted per cause and reported as an error rate. */
void hp_sink_error(struct hp_sink *sink, const char *cause, uint64_t n);

enum sampler_mode { SAMPLER_MODE_CPU = 0, SAMPLER_MODE_WALL = 1 };
enum sampler_call_graph { CALL_GRAPH_DWARF = 0, CALL_GRAPH_FP = 1 };

struct sampler_opts {
	double rate_hz;
	int mode;          /* enum sampler_mode */
	int gil_only;      /* python: keep the GIL holder only */
	int blocking;      /* pause threads (ptrace) for exact snapshots */
	int native;        /* mixed Python + native stacks */
	int kernel;        /* add kernel frames where allowed */
	int call_graph;    /* enum sampler_call_graph */
	const char *event; /* perf: event name, NULL for the default */
	int inherit;       /* perf: follow new threads and children */
};

struct sampler; /* each backend's own state */

struct sampler_ops {
	const char *name; /* "python", "perf", "ptrace", "bpf", "mixed" */
	int (*open)(const struct sampler_opts *opts, struct sampler **out, char **why);
	/* Start sampling process `pid`.  -ESRCH no such process, -EPERM not
	 * allowed, -ENOEXEC not a process this backend understands (e.g. not
	 * Python), -EAGAIN not ready yet (interpreter still starting: retry). */
	int (*add_process)(struct sampler *s, int pid, char **why);
	void (*remove_process)(struct sampler *s, int pid);
	/* Timer-driven: take one snapshot now.  Event-driven: drain what is
	 * buffered.  Errors that lose one sample go to hp_sink_error, not here;
	 * a negative return means the backend cannot go on. */
	int (*collect)(struct sampler *s, struct hp_sink *sink, char **why);
	/* Event-driven backends fill up to `max` poll fds and return how many;
	 * NULL for timer-driven ones. */
	int (*pollfds)(struct sampler *s, struct pollfd *fds, int max);
	/* What the backend found in process `pid` ("CPython 3.12.1"), or NULL. */
	const char *(*describe)(struct sampler *s, int pid);
	void (*close)(struct sampler *s);
};

/* The backends built into this binary, NULL-terminated (profiler/backends.c). */
extern const struct sampler_ops *const sampler_backends[];
const struct sampler_ops *sampler_find(const char *name);

#endif
