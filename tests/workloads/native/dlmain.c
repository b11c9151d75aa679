/* dlmain.c — loads a library with dlopen after start and spins in it, so
 * the symbolizer must find a mapping that did not exist at attach time.
 * Usage: dlmain LIBRARY [UNITS]   (the library defines plugin_work)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline, noipa)) static unsigned call_plugin(unsigned (*fn)(unsigned), long units)
{
	unsigned h = 0;
	for (long i = 0; i < units; i++)
		h += fn(1u << 20);
	return h;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	usleep(100000); /* let the profiler attach before the library exists */
	void *lib = dlopen(argv[1], RTLD_NOW);
	if (!lib) {
		fprintf(stderr, "dlmain: %s\n", dlerror());
		return 1;
	}
	unsigned (*fn)(unsigned) = (unsigned (*)(unsigned))dlsym(lib, "plugin_work");
	if (!fn)
		return 1;
	long units = argc > 2 ? atol(argv[2]) : 200;
	printf("dlmain %ld %u\n", units, call_plugin(fn, units));
	return 0;
}
