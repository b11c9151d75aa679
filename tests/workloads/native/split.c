/* split.c — a native workload that knows its truth.
 *
 * caller_a and caller_b call the same hot_work 3 and 2 times per round, so a
 * profile must give hot_work's time 60% / 40% to them; the hot line is the
 * one marked HOT.  Built with and without frame pointers by the test suite.
 * Usage: split [ROUNDS]   prints "split ROUNDS CHECKSUM SECONDS CPU_SECONDS":
 * the checksum so the work cannot be elided, its own wall and CPU time (user
 * + system, sampling interrupts included) for the overhead benchmark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile unsigned sink;

/* Not a leaf function, so the fp build gives it a frame of its own (gcc
 * drops the frame pointer of leaf functions whatever the flags say). */
__attribute__((noinline, noipa)) static unsigned mix(unsigned h)
{
	return h ^ (h >> 16);
}

/* noipa: no cloning or pure-function folding, so each call does the work. */
__attribute__((noinline, noipa)) static unsigned hot_work(unsigned n)
{
	unsigned h = 1;
	for (unsigned i = 0; i < n; i++) h = (h ^ i) * 0x9e3779b1u + (h >> 13); /* HOT */
	h = mix(h);
	return h + 1;
}

__attribute__((noinline, noipa)) static void caller_a(unsigned n)
{
	for (int i = 0; i < 3; i++)
		sink += hot_work(n);
}

__attribute__((noinline, noipa)) static void caller_b(unsigned n)
{
	for (int i = 0; i < 2; i++)
		sink += hot_work(n);
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 200;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (long r = 0; r < rounds; r++) {
		caller_a(1u << 20);
		caller_b(1u << 20);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	printf("split %ld %u %.6f %.6f\n", rounds, sink,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9);
	return 0;
}
