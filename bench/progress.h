/* progress.h — one self-overwriting status line (runs done, current median,
 * ETA) while a benchmark runs; silent unless stdout is a terminal. */
#ifndef HP_BENCH_PROGRESS_H
#define HP_BENCH_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress {
	int enabled;
	uint64_t start_ns, last_ns;
	size_t total; /* planned runs (minimum when time-based) */
};

void progress_init(struct progress *p, size_t total);
/* Is a redraw due?  Lets callers skip computing what they would show. */
int progress_due(const struct progress *p);
/* Redrawn at most every 100 ms so drawing costs the benchmark nothing. */
void progress_update(struct progress *p, const char *label, size_t done, double median);
void progress_clear(struct progress *p);

#endif
