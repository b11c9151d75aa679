/* main.c — hpbench: parse global options and dispatch to a subcommand. */
#include "config.h"

#include "cmd.h"

extern const struct cmd_entry cmd_system_entry, cmd_run_entry, cmd_timeit_entry, cmd_show_entry,
	cmd_stats_entry, cmd_hist_entry, cmd_list_entry, cmd_compare_entry, cmd_export_entry,
	cmd_import_entry;

#include <stddef.h>


static const struct cmd_entry *const hpbench_commands[] = {
	&cmd_run_entry,
	&cmd_timeit_entry,
	&cmd_compare_entry,
	&cmd_stats_entry,
	&cmd_hist_entry,
	&cmd_show_entry,
	&cmd_list_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_system_entry,
	NULL,
};

int main(int argc, char **argv)
{
	return cmd_main("hpbench", "Benchmark harness: sound timings, comparisons, system tuning.",
			hpbench_commands, NULL, argc, argv);
}
