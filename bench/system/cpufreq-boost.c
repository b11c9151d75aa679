/* cpufreq-boost.c — the generic cpufreq boost switch (acpi-cpufreq,
 * amd-pstate): frequency boosting off for repeatable clock speeds. */
#include "config.h"

#include "bench/system.h"

#define BOOST_PATH "/sys/devices/system/cpu/cpufreq/boost"

static void boost_show(struct sysctx *ctx, struct knob_report *r)
{
	long v;
	if (sys_read_long(ctx, BOOST_PATH, &v) < 0)
		knob_set(r, KNOB_NA, "", "not applicable here (no cpufreq boost switch)");
	else if (v == 0)
		knob_set(r, KNOB_OK, "boost off", NULL);
	else
		knob_set(r, KNOB_BAD, "boost on", "tune sets boost=0");
}

static int boost_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "cpufreq-boost", BOOST_PATH, "0", SYS_RAW, why);
}

const struct knob_ops knob_cpufreq_boost = {
	.name = "cpufreq-boost",
	.summary = "cpufreq boost (AMD and acpi-cpufreq)",
	.show = boost_show,
	.tune = boost_tune,
};
