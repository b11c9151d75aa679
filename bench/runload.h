/* runload.h — open the store and load one benchmark run (named by id or by
 * --name) with its values, for show, stats, hist, compare and export. */
#ifndef HP_BENCH_RUNLOAD_H
#define HP_BENCH_RUNLOAD_H

#include "bench/report.h"
#include "cmd.h"
#include "store-bench.h"

struct runload {
	struct bench_run info;
	struct bench_value *vals; /* warm-ups included */
	size_t nvals;
	double *timed;            /* values without warm-ups */
	size_t ntimed;
	double min_raw;
};

/* Open the database read-only; prints the error and returns NULL. */
struct store *runload_store(struct cmd_ctx *cc);
int runload_get(struct store *st, const char *spec, struct runload *rl, char **why);
void runload_done(struct runload *rl);
/* Open the store read-only and call fn for each run named in specs (with
 * a blank line between runs); a run that cannot be loaded is reported.
 * Returns the exit status: 0, or 1 when any run failed to load. */
typedef void (*runload_fn)(struct store *st, struct runload *rl, void *arg);
int runload_each(struct cmd_ctx *cc, char **specs, int n, runload_fn fn, void *arg);
/* The options of show and stats: --seed N, and with `with_lines`, --lines
 * and --limit N (the linked profile's hot lines).  -1: parsed, operands
 * from optind; else the exit status (0 after --help; 2 after a usage
 * error, printed). */
struct runload_opts {
	struct report_opts report;
	int lines;  /* --lines */
	long limit; /* --limit N */
};
int runload_parse(struct cmd_ctx *cc, const struct cmd_entry *e, const char *help, int with_lines,
		  int argc, char **argv, struct runload_opts *o);

/* Label of a run: its name, else its command. */
const char *runload_label(const struct runload *rl);

#endif
