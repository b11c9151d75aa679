/* nmi-watchdog.c — kernel.nmi_watchdog: the hard-lockup detector fires a
 * periodic NMI on every CPU (and holds a perf counter); off for benchmarks. */
#include "config.h"

#include "bench/system.h"

#define NMI_PATH "/proc/sys/kernel/nmi_watchdog"

static void nmi_show(struct sysctx *ctx, struct knob_report *r)
{
	long v;
	if (sys_read_long(ctx, NMI_PATH, &v) < 0)
		knob_set(r, KNOB_NA, "", "not applicable here (no %s)", NMI_PATH);
	else if (v == 0)
		knob_set(r, KNOB_OK, "off", NULL);
	else
		knob_set(r, KNOB_BAD, "on", "tune turns it off (periodic NMIs on every CPU)");
}

static int nmi_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "nmi-watchdog", NMI_PATH, "0", SYS_RAW, why);
}

const struct knob_ops knob_nmi_watchdog = {
	.name = "nmi-watchdog",
	.summary = "NMI hard-lockup watchdog",
	.show = nmi_show,
	.tune = nmi_tune,
};
