/* cmd-show.c — hpbench show RUN...: what was measured, on what machine, and
 * the summary with its warnings; with --lines, the hot lines of the profile
 * taken while it was measured (run --profile). */
#include "config.h"

#include "bench/lines.h"
#include "bench/report.h"
#include "bench/runload.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char show_help[] =
	"RUN is a run id or a --name (the newest run of that name).\n"
	"\nOptions:\n"
	"      --seed N          seed of the bootstrap (default 1)\n"
	"      --lines           also the hot lines of the run's profile (run --profile)\n"
	"      --limit N         that many lines (default 10; 0: all)\n";

static int print_meta(const char *key, const char *value, void *arg)
{
	(void)arg;
	printf("  %-27s %s\n", key, value);
	return 0;
}

struct show_ctx {
	struct runload_opts o;
	int status;
};

static void show_one(struct store *st, struct runload *rl, void *arg)
{
	struct show_ctx *sc = arg;
	time_t t = (time_t)(rl->info.started_ns / 1000000000);
	struct tm tm;
	char date[64], *why = NULL;
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
	printf("Run %lld%s%s: %s\n", (long long)rl->info.id, rl->info.name ? " " : "",
	       rl->info.name ? rl->info.name : "", rl->info.command);
	printf("  %-27s %s (%s)\n", "started", date, rl->info.status);
	printf("  %-27s %s, %s\n", "host", rl->info.hostname ? rl->info.hostname : "?",
	       rl->info.kernel ? rl->info.kernel : "?");
	printf("  %-27s %s x %d\n", "cpu", rl->info.cpu_model ? rl->info.cpu_model : "?",
	       rl->info.cpu_count);
	store_bench_meta_each(st, rl->info.id, print_meta, NULL, NULL);
	report_summary(stdout, rl->vals, rl->nvals, &sc->o.report);
	if (sc->o.lines && bench_lines_show(st, rl->info.id, sc->o.limit, stdout, &why) < 0) {
		fflush(stdout);
		hp_err("%s", why);
		sc->status = HP_EXIT_FAIL;
	}
	free(why);
}

extern const struct cmd_entry cmd_show_entry;

static int show_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	struct show_ctx sc = { .status = HP_EXIT_OK };
	int r = runload_parse(cc, &cmd_show_entry, show_help, 1, argc, argv, &sc.o);
	if (r >= 0)
		return r;
	if (optind >= argc)
		return cmd_usage_error(cc, "show", "which run? give an id or a name");
	r = runload_each(cc, argv + optind, argc - optind, show_one, &sc);
	return r != HP_EXIT_OK ? r : sc.status;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "show [--seed N] [--lines [--limit N]] RUN...",
	.summary = "summary of a run: metadata, statistics, warnings",
	.exec = show_exec,
};
