/* view-fixture.h — runs with a known truth for the viewer's tests; see
 * view-fixture.c.  Each returns the new run's id and dies on a store error. */
#ifndef HP_VIEW_FIXTURE_H
#define HP_VIEW_FIXTURE_H

#include <stdint.h>

#include "store.h"

/* A profile of hot.py (the file `file`): hot_loop() line 9 gets `hot`
 * samples, its line 8 hot / 10, cold() line 14 `cold`. */
int64_t view_fixture_hot(struct store *st, const char *file, int64_t hot, int64_t cold);
/* A benchmark of 20 values around `mean` seconds (1% noise) after 2 warm-ups. */
int64_t view_fixture_bench(struct store *st, const char *command, double mean, uint64_t seed);
/* A mixed Python/native/kernel profile of mixed.py (a file that does not
 * exist): compute() line 5 calls native code (600 samples), line 6 the
 * kernel (100), line 7 is pure Python (300); thread "worker" (tid 7001) runs
 * crunch() (500). */
int64_t view_fixture_mixed(struct store *st);
/* A profile of `samples` samples over many stacks, files and 4 threads. */
int64_t view_fixture_big(struct store *st, int64_t samples);

#endif
