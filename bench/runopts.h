/* runopts.h — options `run` and `timeit` share: the pyperf shape
 * (-p/-n/-w), stopping rules, interleaving, names, comparison settings. */
#ifndef HP_BENCH_RUNOPTS_H
#define HP_BENCH_RUNOPTS_H

#include "bench/profile.h"
#include "bench/report.h"
#include "bench/runner.h"
#include "cmd.h"

#include <sched.h>

enum {
	RUNOPT_RUNS = HP_OPT_FIRST_FREE + 0x40, RUNOPT_MIN_TIME, RUNOPT_MAX_TIME, RUNOPT_TARGET_CI,
	RUNOPT_SHUFFLE, RUNOPT_SEED, RUNOPT_NAME, RUNOPT_NOISE, RUNOPT_AFFINITY,
	RUNOPT_PROFILE, RUNOPT_PROFILE_RATE, RUNOPT_PROFILE_NATIVE,
};

#define RUNOPTS_SHORT "p:n:w:"
#define RUNOPTS_LONGOPTS \
	{ "processes", required_argument, NULL, 'p' }, \
	{ "values", required_argument, NULL, 'n' }, \
	{ "warmups", required_argument, NULL, 'w' }, \
	{ "runs", required_argument, NULL, RUNOPT_RUNS }, \
	{ "min-time", required_argument, NULL, RUNOPT_MIN_TIME }, \
	{ "max-time", required_argument, NULL, RUNOPT_MAX_TIME }, \
	{ "target-ci", required_argument, NULL, RUNOPT_TARGET_CI }, \
	{ "shuffle", no_argument, NULL, RUNOPT_SHUFFLE }, \
	{ "seed", required_argument, NULL, RUNOPT_SEED }, \
	{ "name", required_argument, NULL, RUNOPT_NAME }, \
	{ "noise", required_argument, NULL, RUNOPT_NOISE }, \
	{ "affinity", required_argument, NULL, RUNOPT_AFFINITY }, \
	{ "profile", no_argument, NULL, RUNOPT_PROFILE }, \
	{ "profile-rate", required_argument, NULL, RUNOPT_PROFILE_RATE }, \
	{ "profile-native", no_argument, NULL, RUNOPT_PROFILE_NATIVE }

/* The --help lines for those options (-p/-n/-w: each command has its own
 * defaults and says them). */
#define RUNOPTS_HELP \
	"      --runs N          exactly N timed values (groups of --values)\n" \
	"      --min-time SEC    go on until the timed values add up to SEC\n" \
	"      --max-time SEC    stop after SEC of wall time (at least 2 values)\n" \
	"      --target-ci PCT   go on until the 95% CI of the median is within PCT of\n" \
	"                        it (max 60 s unless --max-time); also the precision\n" \
	"                        the 'too few values' warning asks for (default 1%)\n" \
	"      --shuffle         shuffle the order of benchmarks in every round\n" \
	"      --seed N          seed of shuffling and bootstrap (default 1)\n" \
	"      --name NAME       name the run (once per benchmark, in order)\n" \
	"      --noise PCT       differences below PCT are noise (default 1%)\n" \
	"      --affinity CPUS   run the benchmarks on these CPUs, e.g. 1 or 2-3\n" \
	BENCH_PROFILE_HELP

struct runopts {
	struct runner r;
	struct report_opts report;
	char **names;
	size_t nnames;
	cpu_set_t affinity;
	int has_affinity;
	int runs_given;
	struct bench_profile_opts profile; /* --profile and its settings */
};

void runopts_init(struct runopts *o);
void runopts_done(struct runopts *o);
/* 1: handled, 0: not a shared option, -1: bad value (*why says why). */
int runopts_parse(struct runopts *o, int c, const char *arg, char **why);
/* Settings text stored with each run ("processes=10 values=3 ..."). */
char *runopts_settings(const struct runopts *o);
/* "1%" or "1" -> 0.01. */
int runopts_percent(const char *s, double *out);

/* After runner_run: record each run's status, print the summaries (and the
 * comparison when there are several), report rc; returns the exit status. */
int runopts_finish(struct runopts *o, struct bench_item *items, size_t n, int rc, char *why);

#endif
