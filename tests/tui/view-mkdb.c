/* view-mkdb.c — write the databases the viewer's tmux tests and benchmark
 * read, through the real store API (view-fixture.c).
 *
 * usage: view-mkdb DB HOT.PY          two profiles of hot.py (run 2 puts more
 *                                     time in cold()) and two benchmarks, the
 *                                     second twice as fast as the first
 *        view-mkdb DB --mixed         a mixed Python/native/kernel profile, two threads
 *        view-mkdb DB --big SAMPLES   one profile of SAMPLES samples over many
 *                                     stacks and threads (benchmarks/viewer-startup.sh)
 * Prints the id of each run made, one per line. */
#include "config.h"

#include "store.h"
#include "util.h"
#include "view-fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct store *st;
	char *why = NULL;

	hp_set_progname("view-mkdb");
	if (argc != 3 && argc != 4)
		hp_die(HP_EXIT_USAGE, "usage: view-mkdb DB HOT.PY | --mixed | --big SAMPLES");
	if (store_open(argv[1], 0, &st, &why) < 0)
		hp_die(HP_EXIT_FAIL, "%s", why);
	if (strcmp(argv[2], "--mixed") == 0) {
		printf("%lld\n", (long long)view_fixture_mixed(st));
	} else if (strcmp(argv[2], "--big") == 0) {
		printf("%lld\n", (long long)view_fixture_big(st, argc == 4 ? atoll(argv[3]) : 1000000));
	} else {
		printf("%lld\n", (long long)view_fixture_hot(st, argv[2], 900, 50));
		printf("%lld\n", (long long)view_fixture_hot(st, argv[2], 500, 450));
		printf("%lld\n", (long long)view_fixture_bench(st, "python3 slow.py", 0.100, 1));
		printf("%lld\n", (long long)view_fixture_bench(st, "python3 fast.py", 0.050, 2));
	}
	store_close(st);
	return 0;
}
