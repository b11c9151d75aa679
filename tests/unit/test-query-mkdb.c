/* test-query-mkdb.c — write a profile database from a fixture spec (see
 * test-query-fixture.h) for the report-*.sh tests and benchmarks/report-speed.sh.
 * usage: test-query-mkdb DB [SPEC]   (SPEC "-" or absent: stdin); prints the last run id. */
#include "config.h"

#include "store.h"
#include "test-query-fixture.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct store *st = NULL;
	struct strbuf spec;
	char *why = NULL, chunk[65536];
	int64_t run = 0;
	size_t n;
	FILE *in = stdin;

	hp_set_progname("test-query-mkdb");
	if (argc < 2 || argc > 3)
		hp_die(HP_EXIT_USAGE, "usage: test-query-mkdb DB [SPEC]");
	if (argc == 3 && !(in = fopen(argv[2], "r")))
		hp_die(HP_EXIT_FAIL, "cannot read %s", argv[2]);
	strbuf_init(&spec);
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		strbuf_add(&spec, chunk, n);
	if (store_open(argv[1], 0, &st, &why) < 0 || fixture_apply(st, spec.buf ? spec.buf : "", &run, &why) < 0)
		hp_die(HP_EXIT_FAIL, "%s", why);
	printf("%lld\n", (long long)run);
	store_close(st);
	strbuf_done(&spec);
	if (in != stdin)
		fclose(in);
	return 0;
}
