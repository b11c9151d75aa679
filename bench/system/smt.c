/* smt.c — SMT (hyper-threading) siblings share a core's execution units:
 * whatever runs on the sibling slows the benchmark.  tune turns SMT off
 * through smt/control when a benchmark CPU has an online sibling. */
#include "config.h"

#include "bench/system.h"
#include "bench/spawn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMT_CONTROL "/sys/devices/system/cpu/smt/control"

/* Benchmark CPUs whose core has another online thread. */
static int with_siblings(struct sysctx *ctx)
{
	int n = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		char *path, *list;
		cpu_set_t sib;
		if (!CPU_ISSET(c, &ctx->cpus))
			continue;
		path = xasprintf("/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", c);
		list = sys_read_line(ctx, path);
		if (list && spawn_parse_cpus(list, &sib, NULL) == 0) {
			CPU_AND(&sib, &sib, &ctx->online);
			n += CPU_COUNT(&sib) > 1;
		}
		free(list);
		free(path);
	}
	return n;
}

static void smt_show(struct sysctx *ctx, struct knob_report *r)
{
	char *ctl = sys_read_line(ctx, SMT_CONTROL);
	int n;
	if (!ctl || strcmp(ctl, "notsupported") == 0 || strcmp(ctl, "notimplemented") == 0) {
		knob_set(r, KNOB_NA, ctl ? ctl : "", "not applicable here (no SMT)");
	} else if ((n = with_siblings(ctx)) > 0 && strcmp(ctl, "on") == 0) {
		char val[64];
		snprintf(val, sizeof val, "on, %d benchmark CPU(s) share a core", n);
		knob_set(r, KNOB_BAD, val, "tune turns SMT off (smt/control)");
	} else {
		knob_set(r, KNOB_OK, ctl, NULL);
	}
	free(ctl);
}

static int smt_tune(struct sysctx *ctx, char **why)
{
	char *ctl = sys_read_line(ctx, SMT_CONTROL);
	int rc = 0;
	if (ctl && strcmp(ctl, "on") == 0 && with_siblings(ctx) > 0)
		rc = sys_write(ctx, "smt", SMT_CONTROL, "off", SYS_RAW, why);
	free(ctl);
	return rc;
}

const struct knob_ops knob_smt = {
	.name = "smt",
	.summary = "SMT siblings of the benchmark CPUs",
	.show = smt_show,
	.tune = smt_tune,
};
