/* cpufreq-boost.c — the generic cpufreq boost switch (acpi-cpufreq,
 * amd-pstate): frequency boosting off for repeatable clock speeds. */
#include "config.h"

#include "bench/system.h"

static const struct int_knob boost = {
	.name = "cpufreq-boost",
	.path = "/sys/devices/system/cpu/cpufreq/boost",
	.good = 0,
	.good_text = "boost off",
	.bad_text = "boost on",
	.tune_note = "tune sets boost=0",
	.missing = "no cpufreq boost switch",
};

static void boost_show(struct sysctx *ctx, struct knob_report *r)
{
	int_knob_show(ctx, &boost, r);
}

static int boost_tune(struct sysctx *ctx, char **why)
{
	return int_knob_tune(ctx, &boost, why);
}

const struct knob_ops knob_cpufreq_boost = {
	.name = "cpufreq-boost",
	.summary = "cpufreq boost (AMD and acpi-cpufreq)",
	.show = boost_show,
	.tune = boost_tune,
};
