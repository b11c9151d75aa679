/* cmd-attach.c — hprof attach: sample a running process, leave it running. */
#include "config.h"

#include "commands.h"
#include "session.h"
#include "util.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static const char attach_help[] =
	"Samples the running process PID until Ctrl-C, --duration or its exit, then\n"
	"saves the run in the database ('hprof report' shows it).  The process is\n"
	"read from outside and keeps running unharmed when hprof detaches.\n"
	"Sampling another user's process needs root (or kernel.yama.ptrace_scope=0\n"
	"and the same user).\n"
	"\n"
	"Exit status: 0 when the samples were saved (also when the process exited\n"
	"meanwhile), 1 when the process does not exist, may not be read, is not one\n"
	"the backend samples, or the database cannot be written, 2 for a usage error.\n"
	"\n";

static int cmd_attach(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session_opts o;
	struct session_result res;
	char *why = NULL;
	long pid;
	int r;

	if ((r = session_parse_args(ctx, &cmd_attach_entry, attach_help, 0,
				    argc, argv, &o)) >= 0)
		return r;
	if (optind >= argc)
		return cmd_usage_error(ctx, argv[0], "which process? hprof attach [OPTIONS] PID");
	if (hp_parse_long(argv[optind], 1, INT_MAX, &pid) < 0)
		return cmd_usage_error(ctx, argv[0], "PID must be a process id (a positive number), "
				       "not '%s'", argv[optind]);
	if (optind + 1 < argc)
		return cmd_usage_error(ctx, argv[0], "unexpected argument '%s'", argv[optind + 1]);
	if (session_attach(&o, (int)pid, &res, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	session_print_summary(&o, &res);
	return res.saved && res.end != SESSION_FAILED ? HP_EXIT_OK : HP_EXIT_FAIL;
}

const struct cmd_entry cmd_attach_entry = {
	.name = "attach",
	.usage = "attach [OPTIONS] PID",
	.summary = "sample a running process until Ctrl-C, --duration or its exit",
	.exec = cmd_attach,
};
