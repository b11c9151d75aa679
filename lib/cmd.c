/* cmd.c — global options, --help/--version and subcommand dispatch for every main. */
#include "config.h"

#include "cmd.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_common_opt(struct cmd_ctx *ctx, int c, const char *arg)
{
	if (c != HP_OPT_DB)
		return 0;
	ctx->db_path = arg;
	return 1;
}

const char *cmd_db_path(const struct cmd_ctx *ctx)
{
	const char *env = getenv("HPROF_DB");
	if (ctx && ctx->db_path)
		return ctx->db_path;
	if (env && *env)
		return env;
	return "hprof.db";
}

void cmd_print_usage(const struct cmd_ctx *ctx, const struct cmd_entry *e, const char *help)
{
	printf("usage: %s %s\n", ctx->prog, e->usage);
	if (e->summary)
		printf("%s\n", e->summary);
	if (help)
		printf("\n%s", help);
	printf("\nCommon options:\n"
	       "      --db FILE        database file (default: $HPROF_DB, else ./hprof.db)\n"
	       "  -h, --help           show this help\n");
}

int cmd_usage_error(const struct cmd_ctx *ctx, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	hp_err("%s", msg);
	fprintf(stderr, "Try '%s %s --help'.\n", ctx->prog, name);
	free(msg);
	return HP_EXIT_USAGE;
}

int cmd_not_built(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	hp_err("'%s %s' is not built in this version of %s; see '%s --help' for what is",
	       ctx->prog, argv[0], PACKAGE_STRING, ctx->prog);
	return HP_EXIT_FAIL;
}

static void print_help(const char *prog, const char *about, const struct cmd_entry *const *table)
{
	printf("usage: %s [--db FILE] COMMAND [OPTIONS] [ARGS]\n%s\n\nCommands:\n", prog, about);
	for (int i = 0; table[i]; i++) {
		const char *note = table[i]->exec == cmd_not_built ? " (not built yet)" : "";
		printf("  %-10s %s%s\n", table[i]->name, table[i]->summary, note);
	}
	printf("\nGlobal options:\n"
	       "      --db FILE   database file (default: $HPROF_DB, else ./hprof.db)\n"
	       "  -q, --quiet     fewer notices\n"
	       "  -h, --help      show this help ('%s COMMAND --help' for a command)\n"
	       "  -V, --version   show the version\n"
	       "\nExit status: 0 ok, 1 runtime failure, 2 usage error"
	       "%s.\nSee %s(1).\n",
	       prog, strcmp(prog, "hprof") == 0 ? " (hprof run: the command's own status)" : "", prog);
}

static const struct cmd_entry *lookup(const struct cmd_entry *const *table, const char *name)
{
	for (int i = 0; table[i]; i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

int cmd_main(const char *prog, const char *about, const struct cmd_entry *const *table,
	     const struct cmd_entry *deflt, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, HP_OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_ctx ctx = { .prog = prog, .db_path = NULL };
	const struct cmd_entry *e;
	int c;

	hp_set_progname(prog);
	while ((c = getopt_long(argc, argv, "+hVq", opts, NULL)) != -1) {
		switch (c) {
		case HP_OPT_DB: ctx.db_path = optarg; break;
		case 'h': print_help(prog, about, table); return HP_EXIT_OK;
		case 'V': printf("%s (%s) %s\n", prog, PACKAGE_NAME, PACKAGE_VERSION); return HP_EXIT_OK;
		case 'q': hp_verbosity = 0; break;
		default: fprintf(stderr, "Try '%s --help'.\n", prog); return HP_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		if (deflt) {
			optind = 0;
			return deflt->exec(&ctx, 1, (char *[]){ (char *)deflt->name, NULL });
		}
		print_help(prog, about, table);
		return HP_EXIT_USAGE;
	}
	e = lookup(table, argv[optind]);
	if (!e) {
		hp_err("unknown command '%s'", argv[optind]);
		fprintf(stderr, "Try '%s --help' for the list of commands.\n", prog);
		return HP_EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	optind = 0; /* full getopt reset for the subcommand */
	return e->exec(&ctx, argc, argv);
}
