/* cpus.c — which CPUs the benchmarks should use: the isolated ones when
 * there are any (like pyperf), else those given with --cpus, else all. */
#include "config.h"

#include "bench/system.h"

#include <stdio.h>
#include <stdlib.h>

static void cpus_show(struct sysctx *ctx, struct knob_report *r)
{
	char online[128], use[128], val[300];
	char *iso = sys_read_line(ctx, "/sys/devices/system/cpu/isolated");
	sys_cpulist(&ctx->online, online, sizeof online);
	sys_cpulist(&ctx->cpus, use, sizeof use);
	snprintf(val, sizeof val, "online %s, isolated %s, benchmarks on %s", online,
		 iso && *iso ? iso : "none", use);
	if (CPU_EQUAL(&ctx->cpus, &ctx->online))
		knob_set(r, KNOB_INFO, val, "benchmarks share every CPU with the rest of the system");
	else
		knob_set(r, KNOB_OK, val, "run benchmarks with --affinity %s", use);
	free(iso);
}

const struct knob_ops knob_cpus = {
	.name = "cpus",
	.summary = "CPUs to use for benchmarks",
	.show = cpus_show,
	.tune = NULL,
};
