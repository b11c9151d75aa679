/* cmd-run.c — hprof run: start a command under the profiler until it exits. */
#include "config.h"

#include "commands.h"
#include "session.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char run_help[] =
	"Starts COMMAND, samples it until it exits and saves the run in the database;\n"
	"then 'hprof report' shows it.  Python programs get Python stacks with line\n"
	"numbers, other programs native stacks (--backend auto).\n"
	"\n"
	"Ctrl-C stops sampling and saves the samples; the command gets the Ctrl-C\n"
	"from the terminal itself and hprof waits for it to exit.  SIGTERM or SIGINT\n"
	"sent to hprof alone is passed on to the command.\n"
	"\n"
	"Exit status: the command's own (128+N when signal N killed it), 127 when it\n"
	"is not found, 126 when it cannot be executed, 1 when hprof fails before the\n"
	"command starts, when sampling failed or the samples could not be saved (the\n"
	"command still runs to its end), 2 for a usage error.\n"
	"\n";

static int cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session_opts o;
	struct session_result res;
	char *why = NULL;
	int r;

	if ((r = session_parse_args(ctx, &cmd_run_entry, run_help, 1, argc, argv, &o)) >= 0)
		return r;
	if (optind >= argc)
		return cmd_usage_error(ctx, argv[0], "no command to run: "
				       "hprof run [OPTIONS] COMMAND [ARGS...]");
	if (session_run(&o, argv + optind, &res, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return res.exit_status;
	}
	session_print_summary(&o, &res);
	if (!res.saved || res.end == SESSION_FAILED)
		return HP_EXIT_FAIL; /* the error said why; the command's status is in the run */
	return res.exit_status >= 0 ? res.exit_status : HP_EXIT_FAIL;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "run [OPTIONS] [--] COMMAND [ARGS...]",
	.summary = "run COMMAND under the profiler until it exits",
	.exec = cmd_run,
};
