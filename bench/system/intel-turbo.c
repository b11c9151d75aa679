/* intel-turbo.c — Turbo Boost under the intel_pstate driver (no_turbo=1
 * disables it): turbo frequency depends on temperature and on what the other
 * cores do, so it moves the numbers between runs. */
#include "config.h"

#include "bench/system.h"

static const struct int_knob turbo = {
	.name = "intel-turbo",
	.path = "/sys/devices/system/cpu/intel_pstate/no_turbo",
	.good = 1,
	.good_text = "turbo off",
	.bad_text = "turbo on",
	.tune_note = "tune sets no_turbo=1",
	.missing = "no intel_pstate driver",
};

static void turbo_show(struct sysctx *ctx, struct knob_report *r)
{
	int_knob_show(ctx, &turbo, r);
}

static int turbo_tune(struct sysctx *ctx, char **why)
{
	return int_knob_tune(ctx, &turbo, why);
}

const struct knob_ops knob_intel_turbo = {
	.name = "intel-turbo",
	.summary = "Intel Turbo Boost (intel_pstate no_turbo)",
	.show = turbo_show,
	.tune = turbo_tune,
};
