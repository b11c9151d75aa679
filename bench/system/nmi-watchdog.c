/* nmi-watchdog.c — kernel.nmi_watchdog: the hard-lockup detector fires a
 * periodic NMI on every CPU (and holds a perf counter); off for benchmarks. */
#include "config.h"

#include "bench/system.h"

static const struct int_knob nmi = {
	.name = "nmi-watchdog",
	.path = "/proc/sys/kernel/nmi_watchdog",
	.good = 0,
	.good_text = "off",
	.bad_text = "on",
	.tune_note = "tune turns it off (periodic NMIs on every CPU)",
	.missing = "no /proc/sys/kernel/nmi_watchdog",
};

static void nmi_show(struct sysctx *ctx, struct knob_report *r)
{
	int_knob_show(ctx, &nmi, r);
}

static int nmi_tune(struct sysctx *ctx, char **why)
{
	return int_knob_tune(ctx, &nmi, why);
}

const struct knob_ops knob_nmi_watchdog = {
	.name = "nmi-watchdog",
	.summary = "NMI hard-lockup watchdog",
	.show = nmi_show,
	.tune = nmi_tune,
};
