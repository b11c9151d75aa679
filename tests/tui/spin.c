/* spin.c — a native workload that knows its truth for the `hprof top` tests:
 * hot_spin() gets nine times the work of cold_spin(), on the line marked HOT.
 * Usage: spin SECONDS   (prints a checksum so the work cannot be elided) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile unsigned sink;

__attribute__((noinline, noipa)) static unsigned hot_spin(unsigned n)
{
	unsigned h = 1;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ i) * 0x9e3779b1u + (h >> 13); /* HOT */
	return h;
}

__attribute__((noinline, noipa)) static unsigned cold_spin(unsigned n)
{
	unsigned h = 7;
	for (unsigned i = 0; i < n; i++)
		h = (h + i) * 0x85ebca6bu ^ (h >> 11);
	return h;
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 5;
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sink += hot_spin(900000);
		sink += cold_spin(100000);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9 < secs);
	printf("%u\n", sink);
	return 0;
}
