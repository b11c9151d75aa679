/* main.c — hpview: the text-UI viewer over an hprof database.  Parses the
 * command line, opens the database and hands over to app.c. */
#include "config.h"

#include "app.h"
#include "cmd.h"
#include "util.h"
#include "view.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_EXIT_AFTER_DRAW = HP_OPT_FIRST_FREE };

static void usage(void)
{
	printf("usage: hpview [--db FILE] [RUN]\n"
	       "Text-UI viewer over an hprof database: runs, functions, lines, call tree,\n"
	       "flame graph, threads, benchmarks and comparisons.\n\n"
	       "  RUN                  open this run (id or name) instead of the list of runs\n"
	       "      --db FILE        database file (default: $HPROF_DB, else ./hprof.db)\n"
	       "      --exit-after-draw  draw the first screen and exit (for benchmarks)\n"
	       "  -h, --help           show this help\n"
	       "  -V, --version        show the version\n\n"
	       "Keys: arrows/hjkl move, Enter opens, Esc goes back, Tab cycles screens,\n"
	       "/ searches, s sorts, ? lists every key, q quits.  NO_COLOR=1: no colours.\n"
	       "Exit status: 0 ok, 1 runtime failure, 2 usage error.  See hpview(1).\n");
}

/* The run named on the command line, or 0; -1 on error (printed). */
static int64_t resolve_run(struct store *st, const char *spec)
{
	int64_t id = 0;
	char *why = NULL;

	if (!spec)
		return 0;
	if (store_run_resolve(st, spec, NULL, &id, &why) < 0) {
		hp_err("%s", why ? why : "no such run");
		free(why);
		return -1;
	}
	return id;
}

/* Options and the RUN argument; -1 to go on, else the status to exit with. */
static int parse_args(int argc, char **argv, struct cmd_ctx *ctx, int *exit_after_draw)
{
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "version", no_argument, NULL, 'V' },
		{ "exit-after-draw", no_argument, NULL, OPT_EXIT_AFTER_DRAW },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(); return HP_EXIT_OK;
		case 'V': printf("hpview (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return HP_EXIT_OK;
		case OPT_EXIT_AFTER_DRAW: *exit_after_draw = 1; break;
		default:
			if (cmd_common_opt(ctx, c, optarg))
				break;
			fprintf(stderr, "Try 'hpview --help'.\n");
			return HP_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		hp_err("one RUN at most, got %d arguments", argc - optind);
		fprintf(stderr, "Try 'hpview --help'.\n");
		return HP_EXIT_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		hp_err("hpview needs a terminal; use 'hprof report' or 'hpbench show' for text output");
		return HP_EXIT_FAIL;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct cmd_ctx ctx = { .prog = "hpview", .db_path = NULL };
	struct viewer v;
	char *why = NULL;
	int exit_after_draw = 0, status;
	int64_t run;

	hp_set_progname("hpview");
	setlocale(LC_ALL, "");
	if ((status = parse_args(argc, argv, &ctx, &exit_after_draw)) >= 0)
		return status;
	memset(&v, 0, sizeof v);
	v.db_path = cmd_db_path(&ctx);
	if (store_open(v.db_path, STORE_READONLY, &v.st, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	run = resolve_run(v.st, optind < argc ? argv[optind] : NULL);
	if (run < 0 || view_term_start(&why) < 0) {
		if (why)
			hp_err("%s", why);
		free(why);
		store_close(v.st);
		return HP_EXIT_FAIL;
	}
	status = viewer_run(&v, run, exit_after_draw);
	view_term_stop();
	store_close(v.st);
	return status;
}
