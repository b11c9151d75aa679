/* forkchild.c — a parent and a forked child each spinning in their own
 * function: samples of the child (another pid) show child_work only.
 * Usage: forkchild [UNITS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

__attribute__((noinline, noipa)) static unsigned spin(unsigned n)
{
	unsigned h = 3;
	for (unsigned i = 0; i < n; i++) h = h * 69069u + i; /* SPIN */
	return h;
}

__attribute__((noinline, noipa)) static void child_work(long units)
{
	for (long i = 0; i < units; i++)
		sink += spin(1u << 20);
}

__attribute__((noinline, noipa)) static void parent_work(long units)
{
	for (long i = 0; i < units; i++)
		sink += spin(1u << 20);
}

int main(int argc, char **argv)
{
	long units = argc > 1 ? atol(argv[1]) : 100;
	int status;
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		child_work(units);
		_exit(0);
	}
	parent_work(units);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	printf("forkchild %ld %d\n", units, (int)pid);
	return 0;
}
