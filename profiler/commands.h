/* commands.h — every hprof subcommand entry, one per profiler/cmd-*.c file. */
#ifndef HP_PROFILER_COMMANDS_H
#define HP_PROFILER_COMMANDS_H

#include "cmd.h"

extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_dump_entry;
extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_attach_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_top_entry;

#endif
