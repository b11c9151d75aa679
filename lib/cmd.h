/* cmd.h — subcommand table entries and the shared dispatcher of the three mains. */
#ifndef HP_CMD_H
#define HP_CMD_H

#include <getopt.h>
#include <stddef.h>

/* What every subcommand receives besides its arguments. */
struct cmd_ctx {
	const char *prog;    /* "hprof", "hpbench", "hpview" */
	const char *db_path; /* --db given before the subcommand, or NULL */
};

struct cmd_entry {
	const char *name;
	const char *usage;   /* "report [OPTIONS] [RUN]" */
	const char *summary; /* one line for --help */
	/* argv[0] is the subcommand name; returns the exit status. */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* Long option codes shared by every subcommand (getopt values above 0xff). */
enum { HP_OPT_DB = 0x1000, HP_OPT_HELP, HP_OPT_FIRST_FREE = 0x1100 };
#define HP_COMMON_LONGOPTS \
	{ "db", required_argument, NULL, HP_OPT_DB }, \
	{ "help", no_argument, NULL, 'h' }

/* Handle a shared option; returns 1 if `c` was one of them. */
int cmd_common_opt(struct cmd_ctx *ctx, int c, const char *arg);

/* The database path: --db, else $HPROF_DB, else ./hprof.db. */
const char *cmd_db_path(const struct cmd_ctx *ctx);

/* Print "usage: prog usage" and the subcommand's help text to stdout. */
void cmd_print_usage(const struct cmd_ctx *ctx, const struct cmd_entry *e, const char *help);

/* Print "prog: error: MSG" + "Try 'prog NAME --help'." and return HP_EXIT_USAGE. */
int cmd_usage_error(const struct cmd_ctx *ctx, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A placeholder for subcommands that are planned but not built in. */
int cmd_not_built(struct cmd_ctx *ctx, int argc, char **argv);

/* Parse global options, then run the named subcommand from `table` (NULL-ended).
 * `deflt` (may be NULL) is run when no subcommand is given. */
int cmd_main(const char *prog, const char *about, const struct cmd_entry *const *table,
	     const struct cmd_entry *deflt, int argc, char **argv);

#endif
