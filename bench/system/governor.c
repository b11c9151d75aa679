/* governor.c — cpufreq scaling governor of the benchmark CPUs: "performance"
 * keeps the clock at its top instead of ramping up during each run. */
#include "config.h"

#include "bench/system.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static char *gov_path(int cpu)
{
	return xasprintf("/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", cpu);
}

static void gov_show(struct sysctx *ctx, struct knob_report *r)
{
	struct strbuf vals;
	int seen = 0, bad = 0;
	strbuf_init(&vals);
	for (int c = 0; c < CPU_SETSIZE; c++) {
		char *path, *g;
		if (!CPU_ISSET(c, &ctx->cpus))
			continue;
		path = gov_path(c);
		g = sys_read_line(ctx, path);
		free(path);
		if (!g)
			continue;
		seen++;
		bad += strcmp(g, "performance") != 0;
		if (!strstr(vals.buf, g))
			strbuf_printf(&vals, "%s%s", vals.len ? "," : "", g);
		free(g);
	}
	if (!seen)
		knob_set(r, KNOB_NA, "", "not applicable here (no cpufreq on the benchmark CPUs)");
	else if (bad)
		knob_set(r, KNOB_BAD, vals.buf, "tune sets performance on %d CPU(s)", bad);
	else
		knob_set(r, KNOB_OK, vals.buf, NULL);
	strbuf_done(&vals);
}

static int gov_tune(struct sysctx *ctx, char **why)
{
	int rc = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		char *path;
		if (!CPU_ISSET(c, &ctx->cpus))
			continue;
		path = gov_path(c);
		if (sys_exists(ctx, path) && sys_write(ctx, "governor", path, "performance",
						       SYS_RAW, rc ? NULL : why) < 0)
			rc = -EIO;
		free(path);
	}
	return rc;
}

const struct knob_ops knob_governor = {
	.name = "governor",
	.summary = "CPU frequency governor",
	.show = gov_show,
	.tune = gov_tune,
};
