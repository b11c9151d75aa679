/* min-freq.c — scaling_min_freq of the benchmark CPUs raised to the
 * hardware maximum, so the clock cannot drop between or within runs. */
#include "config.h"

#include "bench/system.h"

#include <stdio.h>
#include <errno.h>
#include <stdlib.h>

static char *freq_path(int cpu, const char *file)
{
	return xasprintf("/sys/devices/system/cpu/cpu%d/cpufreq/%s", cpu, file);
}

/* min and max of one CPU; -1 when it has no cpufreq */
static int cpu_freqs(struct sysctx *ctx, int cpu, long *min, long *max)
{
	char *pmin = freq_path(cpu, "scaling_min_freq"), *pmax = freq_path(cpu, "cpuinfo_max_freq");
	int rc = sys_read_long(ctx, pmin, min) < 0 || sys_read_long(ctx, pmax, max) < 0 ? -1 : 0;
	free(pmin);
	free(pmax);
	return rc;
}

static void minfreq_show(struct sysctx *ctx, struct knob_report *r)
{
	int seen = 0, low = 0;
	long min = 0, max = 0, lowest = -1;
	char buf[64];
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &ctx->cpus) || cpu_freqs(ctx, c, &min, &max) < 0)
			continue;
		seen++;
		low += min < max;
		if (lowest < 0 || min < lowest)
			lowest = min;
	}
	snprintf(buf, sizeof buf, "min %ld MHz, max %ld MHz", lowest / 1000, max / 1000);
	if (!seen)
		knob_set(r, KNOB_NA, "", "not applicable here (no cpufreq on the benchmark CPUs)");
	else if (low)
		knob_set(r, KNOB_BAD, buf, "tune raises the minimum to the maximum on %d CPU(s)", low);
	else
		knob_set(r, KNOB_OK, buf, NULL);
}

static int minfreq_tune(struct sysctx *ctx, char **why)
{
	int rc = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		long min, max;
		char *path, val[32];
		if (!CPU_ISSET(c, &ctx->cpus) || cpu_freqs(ctx, c, &min, &max) < 0)
			continue;
		snprintf(val, sizeof val, "%ld", max);
		path = freq_path(c, "scaling_min_freq");
		if (sys_write(ctx, "min-freq", path, val, SYS_RAW, rc ? NULL : why) < 0)
			rc = -EIO;
		free(path);
	}
	return rc;
}

const struct knob_ops knob_min_freq = {
	.name = "min-freq",
	.summary = "minimum CPU frequency",
	.show = minfreq_show,
	.tune = minfreq_tune,
};
