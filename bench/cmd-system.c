/* cmd-system.c — hpbench system show|tune|reset: the machine's settings that
 * move benchmark numbers, set for stable timings and put back exactly. */
#include "config.h"

#include "cmd.h"
#include "bench/spawn.h"
#include "bench/system.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char system_help[] =
	"Actions:\n"
	"  show                 each setting, whether it is tuned, and a verdict\n"
	"                       (exit 0: ready, 2: not tuned)\n"
	"  tune                 change what show marks 'not tuned' (root), saving\n"
	"                       every old value first\n"
	"  reset                write the saved values back (root)\n"
	"\nOptions:\n"
	"      --sysroot DIR    read and write DIR/sys and DIR/proc instead of the real\n"
	"                       ones (default: $HPBENCH_SYSROOT, else /)\n"
	"      --cpus LIST      CPUs the benchmarks will use, e.g. 1 or 2-3 (default:\n"
	"                       the isolated CPUs, else all)\n"
	"      --state FILE     where tune saves old values (default:\n"
	"                       SYSROOT/run/hpbench/tune-saved)\n";

static const char *const state_names[] = { "n/a", "ok", "not tuned", "advice" };

static int system_show(struct sysctx *ctx)
{
	int bad = 0;
	printf("System settings for benchmarking (root: %s, CPUs: ", *ctx->root ? ctx->root : "/");
	{
		char buf[128];
		sys_cpulist(&ctx->cpus, buf, sizeof buf);
		printf("%s)\n", buf);
	}
	for (int i = 0; system_knobs[i]; i++) {
		struct knob_report r = { 0 };
		system_knobs[i]->show(ctx, &r);
		printf("  %-14s %-10s %s\n", system_knobs[i]->name, state_names[r.state],
		       r.state == KNOB_NA ? r.note : r.value);
		if (r.state != KNOB_NA && r.note)
			printf("  %-14s %-10s -> %s\n", "", "", r.note);
		bad += r.state == KNOB_BAD;
		knob_report_done(&r);
	}
	if (ctx->njournal)
		printf("Saved values from an earlier tune: %zu in %s\n", ctx->njournal,
		       ctx->state_path);
	if (bad) {
		printf("Verdict: not tuned: %d setting(s) to change; run 'hpbench system tune' as root\n",
		       bad);
		return HP_EXIT_USAGE; /* 2: documented as "not tuned" for show */
	}
	printf("Verdict: ready for benchmarking\n");
	return HP_EXIT_OK;
}

static int need_root(const struct sysctx *ctx, const char *action)
{
	if (*ctx->root || geteuid() == 0)
		return 0;
	hp_err("'system %s' needs root: run it with sudo (nothing was changed)", action);
	return -1;
}

static int system_tune(struct sysctx *ctx)
{
	size_t before = ctx->njournal;
	for (int i = 0; system_knobs[i]; i++) {
		char *why = NULL;
		if (!system_knobs[i]->tune)
			continue;
		if (system_knobs[i]->tune(ctx, &why) < 0 && why)
			hp_warn("%s: %s", system_knobs[i]->name, why);
		free(why);
	}
	fputs(ctx->log.len ? ctx->log.buf : "Nothing to change.\n", stdout);
	if (ctx->njournal > before)
		printf("Saved %zu old value(s) in %s; 'hpbench system reset' restores them.\n",
		       ctx->njournal - before, ctx->state_path);
	if (ctx->failures) {
		hp_err("%d setting(s) could not be changed (see above); the saved values still "
		       "let 'hpbench system reset' undo the rest", ctx->failures);
		return HP_EXIT_FAIL;
	}
	return HP_EXIT_OK;
}

static int system_reset(struct sysctx *ctx)
{
	char *why = NULL;
	int rc;
	if (ctx->njournal == 0) {
		printf("Nothing to reset: no saved values in %s.\n", ctx->state_path);
		return HP_EXIT_OK;
	}
	rc = sys_reset(ctx, &why);
	fputs(ctx->log.buf ? ctx->log.buf : "", stdout);
	if (rc < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	printf("Restored %d value(s).\n", rc);
	return HP_EXIT_OK;
}

static int system_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	enum { OPT_SYSROOT = HP_OPT_FIRST_FREE, OPT_CPUS, OPT_STATE };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "sysroot", required_argument, NULL, OPT_SYSROOT },
		{ "cpus", required_argument, NULL, OPT_CPUS },
		{ "state", required_argument, NULL, OPT_STATE },
		{ NULL, 0, NULL, 0 },
	};
	extern const struct cmd_entry cmd_system_entry;
	const char *root = getenv("HPBENCH_SYSROOT"), *cpus = NULL, *state = NULL, *action;
	struct sysctx ctx;
	char *why = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_system_entry, system_help); return HP_EXIT_OK;
		case OPT_SYSROOT: root = optarg; break;
		case OPT_CPUS: cpus = optarg; break;
		case OPT_STATE: state = optarg; break;
		default: return cmd_usage_error(cc, "system", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(cc, "system", "expected one action: show, tune or reset");
	action = argv[optind];
	if (strcmp(action, "show") && strcmp(action, "tune") && strcmp(action, "reset"))
		return cmd_usage_error(cc, "system", "unknown action '%s': use show, tune or reset",
				       action);
	if (cpus && spawn_parse_cpus(cpus, &(cpu_set_t){ 0 }, &why) < 0) {
		rc = cmd_usage_error(cc, "system", "%s", why);
		free(why);
		return rc;
	}
	if (root && *root && strcmp(root, "/") && access(root, F_OK) < 0)
		return cmd_usage_error(cc, "system", "--sysroot %s: no such directory", root);
	if (sysctx_init(&ctx, root, cpus, state, &why) < 0) {
		hp_err("%s", why);
		free(why);
		sysctx_done(&ctx);
		return HP_EXIT_FAIL;
	}
	if (strcmp(action, "show") == 0)
		rc = system_show(&ctx);
	else if (need_root(&ctx, action) < 0)
		rc = HP_EXIT_FAIL;
	else
		rc = strcmp(action, "tune") == 0 ? system_tune(&ctx) : system_reset(&ctx);
	sysctx_done(&ctx);
	return rc;
}

const struct cmd_entry cmd_system_entry = {
	.name = "system",
	.usage = "system [--sysroot DIR] [--cpus LIST] [--state FILE] show|tune|reset",
	.summary = "show, tune or reset the system for stable numbers",
	.exec = system_exec,
};
