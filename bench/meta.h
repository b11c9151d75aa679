/* meta.h — the facts about the machine and the benchmark that are stored
 * with every benchmark run (run_meta): date, affinity, governor, boost,
 * ASLR, load, and the Python involved. */
#ifndef HP_BENCH_META_H
#define HP_BENCH_META_H

#include "store.h"

#include <sched.h>

/* System state at the start of a run; `affinity` NULL means ours. */
int meta_collect_system(struct store *st, int64_t run, const cpu_set_t *affinity, char **why);
/* Set key to a formatted value. */
int meta_setf(struct store *st, int64_t run, const char *key, char **why, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
