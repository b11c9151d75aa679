/* aslr.c — address space layout randomization (kernel.randomize_va_space).
 * Like pyperf we want full randomization (2): with it every process gets a
 * different layout, so the values average over layouts instead of being
 * stuck with one lucky or unlucky one. */
#include "config.h"

#include "bench/system.h"

#define ASLR_PATH "/proc/sys/kernel/randomize_va_space"

static void aslr_show(struct sysctx *ctx, struct knob_report *r)
{
	static const char *const names[] = { "disabled (0)", "partial (1)", "full (2)" };
	long v;
	if (sys_read_long(ctx, ASLR_PATH, &v) < 0) {
		knob_set(r, KNOB_NA, "", "not applicable here (no %s)", ASLR_PATH);
		return;
	}
	if (v == 2)
		knob_set(r, KNOB_OK, names[2], NULL);
	else
		knob_set(r, KNOB_BAD, v == 0 || v == 1 ? names[v] : "unknown",
			 "tune sets full randomization (2)");
}

static int aslr_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "aslr", ASLR_PATH, "2", SYS_RAW, why);
}

const struct knob_ops knob_aslr = {
	.name = "aslr",
	.summary = "address space layout randomization",
	.show = aslr_show,
	.tune = aslr_tune,
};
