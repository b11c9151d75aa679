/* bench-aggregate.c — how many samples per second the aggregator takes in
 * and what its flushes cost, writing a real SQLite file (run by
 * benchmarks/overhead-aggregate.sh; figures only).
 *
 * usage: bench-aggregate DB SAMPLES STACKS DEPTH [TIMELINE]
 * Samples cycle over STACKS distinct stacks of DEPTH Python frames (keyed,
 * as the python backend sends them) on 4 threads; a flush every 5000
 * samples stands for the session's flush every half second at 10 kHz.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "aggregate.h"
#include "store.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct store_run_info info = { .kind = "profile", .command = "bench-aggregate" };
	struct store *st;
	struct hp_sink *k;
	struct hp_frame *fr;
	char **names, *why = NULL;
	int64_t run;
	long n, nstacks, depth, timeline = argc > 5 ? atol(argv[5]) : 0;
	uint64_t t0, t_add = 0, t_flush = 0, flushes = 0;

	if (argc < 5 || (n = atol(argv[2])) <= 0 || (nstacks = atol(argv[3])) <= 0 ||
	    (depth = atol(argv[4])) <= 0) {
		fprintf(stderr, "usage: bench-aggregate DB SAMPLES STACKS DEPTH [TIMELINE]\n");
		return 2;
	}
	if (store_open(argv[1], 0, &st, &why) < 0 || store_run_create(st, &info, &run, &why) < 0) {
		fprintf(stderr, "bench-aggregate: %s\n", why);
		return 1;
	}
	k = aggregate_new(st, run, (int)timeline);
	fr = xcalloc((size_t)depth, sizeof *fr);
	names = xcalloc((size_t)nstacks, sizeof *names);
	for (long i = 0; i < nstacks; i++)
		names[i] = xasprintf("leaf_%ld", i);
	for (long i = 0; i < n; i++) {
		long which = i % nstacks;
		struct hp_sample s = { .pid = getpid(), .tid = getpid() + (int)(i % 4), .nframes = (int)depth,
				       .frames = fr, .t_ns = hp_now_ns() };
		for (long d = 0; d < depth; d++) /* leaf differs per stack, callers shared */
			fr[d] = (struct hp_frame){ .kind = FRAME_PYTHON, .file = "bench.py",
				.function = d == 0 ? names[which] : "caller", .line = (int)(d + 1),
				.def_line = 1, .key = d == 0 ? (uint64_t)(1000 + which) : (uint64_t)(d + 1) };
		t0 = hp_now_ns();
		hp_sink_add(k, &s);
		t_add += hp_now_ns() - t0;
		if ((i + 1) % 5000 == 0 || i + 1 == n) {
			t0 = hp_now_ns();
			if (aggregate_flush(k, &why) < 0) {
				fprintf(stderr, "bench-aggregate: %s\n", why);
				return 1;
			}
			t_flush += hp_now_ns() - t0;
			flushes++;
		}
	}
	printf("%ld samples, %ld stacks of %ld frames%s: %.0f ns per sample added, "
	       "%.2f ms per flush (%llu flushes), %.0f samples/s end to end\n",
	       n, nstacks, depth, timeline ? ", timeline" : "", (double)t_add / (double)n,
	       (double)t_flush / 1e6 / (double)flushes, (unsigned long long)flushes,
	       (double)n / ((double)(t_add + t_flush) / 1e9));
	aggregate_free(k);
	store_close(st);
	for (long i = 0; i < nstacks; i++)
		free(names[i]);
	free(names);
	free(fr);
	return 0;
}
