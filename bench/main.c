/* main.c — hpbench: parse global options and dispatch to a subcommand. */
#include "config.h"

#include "cmd.h"

extern const struct cmd_entry cmd_system_entry, cmd_run_entry, cmd_timeit_entry;

#include <stddef.h>

#define NOT_BUILT(n, s) (&(const struct cmd_entry){ .name = n, .usage = n, .summary = s, .exec = cmd_not_built })

static const struct cmd_entry *const hpbench_commands[] = {
	&cmd_run_entry,
	&cmd_timeit_entry,
	NOT_BUILT("compare", "say whether runs differ, by how much, and how sure"),
	NOT_BUILT("stats", "full statistics of a run"),
	NOT_BUILT("hist", "histogram of a run's values"),
	NOT_BUILT("show", "summary of a run"),
	NOT_BUILT("list", "list benchmark runs"),
	NOT_BUILT("export", "write a run as pyperf/hyperfine JSON, CSV or Markdown"),
	NOT_BUILT("import", "read pyperf JSON into the database"),
	&cmd_system_entry,
	NULL,
};

int main(int argc, char **argv)
{
	return cmd_main("hpbench", "Benchmark harness: sound timings, comparisons, system tuning.",
			hpbench_commands, NULL, argc, argv);
}
