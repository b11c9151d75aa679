/* inline.c — a hot loop in a function that the compiler inlines.
 *
 * inner_loop is always inlined into outer; a profile must still show it as a
 * frame of its own (from DWARF's inlined-subroutine records) at the HOT line,
 * with outer at the line of the inlined call (CALL), and main at the line
 * that calls outer (MAIN: a return address minus one, not the next line).
 * Usage: inline [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>

static volatile unsigned sink;

static inline __attribute__((always_inline)) unsigned inner_loop(unsigned n, unsigned h)
{
	for (unsigned i = 0; i < n; i++) h = (h + i) * 0x01000193u ^ (h >> 11); /* HOT */
	return h;
}

__attribute__((noinline, noipa)) static unsigned outer(unsigned n)
{
	unsigned h = inner_loop(n, sink); /* CALL */
	sink = h;
	return h ^ n;
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 300;
	unsigned total = 0;
	for (long r = 0; r < rounds; r++)
		total += outer(1u << 20); /* MAIN */
	printf("inline %ld %u\n", rounds, total);
	return 0;
}
