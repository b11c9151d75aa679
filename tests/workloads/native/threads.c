/* threads.c — two named threads spinning in functions of their own.
 *
 * Thread "spin-a" runs only work_a, "spin-b" only work_b (2:1 amounts of
 * work), while main waits in pthread_join: each thread's samples must show
 * its own function under start_thread, and no other.
 * Usage: threads [UNITS]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static volatile unsigned sink;
static long units = 100;

__attribute__((noinline, noipa)) static unsigned spin(unsigned n)
{
	unsigned h = 7;
	for (unsigned i = 0; i < n; i++) h = h * 1103515245u + i; /* SPIN */
	return h;
}

__attribute__((noinline, noipa)) static void *work_a(void *arg)
{
	pthread_setname_np(pthread_self(), "spin-a");
	for (long i = 0; i < 2 * units; i++)
		sink += spin(1u << 20);
	return arg;
}

__attribute__((noinline, noipa)) static void *work_b(void *arg)
{
	pthread_setname_np(pthread_self(), "spin-b");
	for (long i = 0; i < units; i++)
		sink += spin(1u << 20);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t a, b;
	units = argc > 1 ? atol(argv[1]) : 100;
	if (pthread_create(&a, NULL, work_a, NULL) || pthread_create(&b, NULL, work_b, NULL))
		return 1;
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("threads %ld %u\n", units, sink);
	return 0;
}
