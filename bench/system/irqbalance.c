/* irqbalance.c — the irqbalance daemon moves interrupts around every few
 * seconds, undoing irq-affinity; tune stops it, reset starts it again. */
#include "config.h"

#include "bench/system.h"

static void irqbalance_show(struct sysctx *ctx, struct knob_report *r)
{
	if (sys_process_running(ctx, "irqbalance"))
		knob_set(r, KNOB_BAD, "running", "tune stops it (it would move IRQs back)");
	else
		knob_set(r, KNOB_OK, "not running", NULL);
}

static int irqbalance_tune(struct sysctx *ctx, char **why)
{
	int rc;
	if (!sys_process_running(ctx, "irqbalance"))
		return 0;
	if ((rc = sys_journal_service(ctx, "irqbalance", "irqbalance", why)) < 0)
		return rc;
	if (*ctx->root && rc == 1)
		return 0; /* the fake tree's irqbalance never stops: said so already */
	if (*ctx->root) {
		strbuf_printf(&ctx->log, "irqbalance: would stop irqbalance (not under --sysroot)\n");
		return 0;
	}
	rc = sys_service("stop", "irqbalance", why);
	if (rc == 0)
		strbuf_printf(&ctx->log, "irqbalance: stopped irqbalance\n");
	else
		ctx->failures++;
	return rc;
}

const struct knob_ops knob_irqbalance = {
	.name = "irqbalance",
	.summary = "irqbalance daemon",
	.show = irqbalance_show,
	.tune = irqbalance_tune,
};
