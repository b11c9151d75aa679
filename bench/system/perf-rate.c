/* perf-rate.c — kernel.perf_event_max_sample_rate.  pyperf lowers it to 1 so
 * perf sampling by other users costs the benchmark nothing.  hprof's own
 * sampler needs a real rate: `hpbench system reset` before profiling. */
#include "config.h"

#include "bench/system.h"

#include <stdio.h>

#define PERF_RATE_PATH "/proc/sys/kernel/perf_event_max_sample_rate"

static void perf_rate_show(struct sysctx *ctx, struct knob_report *r)
{
	char buf[32];
	long v;
	if (sys_read_long(ctx, PERF_RATE_PATH, &v) < 0) {
		knob_set(r, KNOB_NA, "", "not applicable here (no %s)", PERF_RATE_PATH);
		return;
	}
	snprintf(buf, sizeof buf, "%ld Hz", v);
	if (v <= 1)
		knob_set(r, KNOB_OK, buf, "profiling with hprof needs 'hpbench system reset' first");
	else
		knob_set(r, KNOB_BAD, buf, "tune sets 1 (perf sampling interrupts steal time)");
}

static int perf_rate_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "perf-rate", PERF_RATE_PATH, "1", SYS_RAW, why);
}

const struct knob_ops knob_perf_rate = {
	.name = "perf-rate",
	.summary = "perf_event_max_sample_rate",
	.show = perf_rate_show,
	.tune = perf_rate_tune,
};
