/* aggregate.h — the sink between a sampling backend and the store.
 *
 * Backends hand every stack they take to hp_sink_add() (sampler.h).  The
 * aggregator interns frames and stacks in memory, counts samples per
 * (thread, stack, state) and writes only what changed to the store, in one
 * transaction per flush, so sampling at tens of kHz costs a few hash lookups
 * per sample and the database sees a handful of rows per flush.
 */
#ifndef HP_AGGREGATE_H
#define HP_AGGREGATE_H

#include <stdint.h>

#include "sampler.h"
#include "store.h"

/* How often aggregate_tick() writes to the store. */
#define AGGREGATE_FLUSH_NS 500000000ULL

/* A sink writing into run `run` of `st`; `timeline` also records every
 * sample's time (sample_times). */
struct hp_sink *aggregate_new(struct store *st, int64_t run, int timeline);
void aggregate_free(struct hp_sink *sink);

/* Register a process before its first sample (ppid < 0 or command NULL:
 * read them from /proc).  Processes first seen in a sample are registered
 * from /proc automatically. */
void aggregate_process_add(struct hp_sink *sink, int pid, int ppid, const char *command);
/* What the backend found in the process, e.g. "3.12.1" (processes.python_version). */
void aggregate_process_set_python(struct hp_sink *sink, int pid, const char *version);
/* The process ended; exit_code INT32_MIN when unknown (not our child). */
void aggregate_process_exit(struct hp_sink *sink, int pid, int exit_code);

/* Write everything new since the last flush in one transaction.  On failure
 * nothing is lost: the next flush tries again. */
int aggregate_flush(struct hp_sink *sink, char **why);
/* Flush when AGGREGATE_FLUSH_NS passed since the last one (now: monotonic ns). */
int aggregate_tick(struct hp_sink *sink, uint64_t now_ns, char **why);

/* Totals so far: samples (sum of weights) and errors (sum over causes). */
uint64_t aggregate_samples(const struct hp_sink *sink);
uint64_t aggregate_errors(const struct hp_sink *sink);
/* Samples with an empty stack (a thread with no frame to show): dropped. */
uint64_t aggregate_empty(const struct hp_sink *sink);
/* cpu mode with a timer-driven backend: drop an on-CPU sample of a thread
 * whose CPU time (/proc/PID/task/TID/schedstat) has not moved for
 * AGGREGATE_STALL_NS — it is runnable but waiting for a CPU, and counting
 * it would charge the wait to the line it was preempted on. */
#define AGGREGATE_STALL_NS 12000000ULL
void aggregate_set_cpu_check(struct hp_sink *sink, int on);
/* Samples dropped by that check. */
uint64_t aggregate_stalled(const struct hp_sink *sink);
/* The error causes, most frequent first: calls fn(cause, count, arg). */
void aggregate_each_error(const struct hp_sink *sink,
			  void (*fn)(const char *cause, uint64_t n, void *arg), void *arg);

/* Distinct in-memory objects (for tests and the summary). */
struct aggregate_stats {
	uint64_t frames, stacks, threads, processes, counts, flushes;
};
void aggregate_get_stats(const struct hp_sink *sink, struct aggregate_stats *out);

#endif
