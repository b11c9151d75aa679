/* main.c — hprof: parse global options and dispatch to a subcommand. */
#include "config.h"

#include "commands.h"

#include <stddef.h>

/* Planned subcommands not built in yet: they say so instead of pretending. */
#define NOT_BUILT(n, s) (&(const struct cmd_entry){ .name = n, .usage = n, .summary = s, .exec = cmd_not_built })

static const struct cmd_entry *const hprof_commands[] = {
	&cmd_run_entry,
	&cmd_attach_entry,
	&cmd_report_entry,
	&cmd_dump_entry,
	&cmd_top_entry,
	&cmd_list_entry,
	NULL,
};

int main(int argc, char **argv)
{
	return cmd_main("hprof", "Sampling profiler for Python and native programs.",
			hprof_commands, NULL, argc, argv);
}
