/* intel-turbo.c — Turbo Boost under the intel_pstate driver (no_turbo=1
 * disables it): turbo frequency depends on temperature and on what the other
 * cores do, so it moves the numbers between runs. */
#include "config.h"

#include "bench/system.h"

#define NO_TURBO_PATH "/sys/devices/system/cpu/intel_pstate/no_turbo"

static void turbo_show(struct sysctx *ctx, struct knob_report *r)
{
	long v;
	if (sys_read_long(ctx, NO_TURBO_PATH, &v) < 0)
		knob_set(r, KNOB_NA, "", "not applicable here (no intel_pstate driver)");
	else if (v == 1)
		knob_set(r, KNOB_OK, "turbo off", NULL);
	else
		knob_set(r, KNOB_BAD, "turbo on", "tune sets no_turbo=1");
}

static int turbo_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "intel-turbo", NO_TURBO_PATH, "1", SYS_RAW, why);
}

const struct knob_ops knob_intel_turbo = {
	.name = "intel-turbo",
	.summary = "Intel Turbo Boost (intel_pstate no_turbo)",
	.show = turbo_show,
	.tune = turbo_tune,
};
