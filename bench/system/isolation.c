/* isolation.c — advice on CPU isolation: isolcpus= keeps the scheduler's
 * other tasks away, nohz_full= stops the tick and rcu_nocbs= moves RCU
 * callbacks off the CPU.  They are boot parameters: tune cannot set them. */
#include "config.h"

#include "bench/system.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const params[] = { "isolcpus=", "nohz_full=", "rcu_nocbs=" };

static void isolation_show(struct sysctx *ctx, struct knob_report *r)
{
	char *cmdline = sys_read_line(ctx, "/proc/cmdline");
	struct strbuf have;
	int found = 0, last = -1;
	if (!cmdline) {
		knob_set(r, KNOB_NA, "", "not applicable here (no /proc/cmdline)");
		return;
	}
	strbuf_init(&have);
	for (size_t i = 0; i < HP_ARRAY_SIZE(params); i++) {
		char *p = strstr(cmdline, params[i]);
		if (!p)
			continue;
		found++;
		strbuf_printf(&have, "%s%.*s", have.len ? " " : "", (int)strcspn(p, " "), p);
	}
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &ctx->online))
			last = c;
	if (found == (int)HP_ARRAY_SIZE(params))
		knob_set(r, KNOB_OK, have.buf, NULL);
	else if (CPU_COUNT(&ctx->online) < 2)
		knob_set(r, KNOB_INFO, found ? have.buf : "none",
			 "one CPU only: nothing to isolate");
	else
		knob_set(r, KNOB_INFO, found ? have.buf : "none",
			 "boot with isolcpus=%d nohz_full=%d rcu_nocbs=%d, then run benchmarks "
			 "with --affinity %d", last, last, last, last);
	strbuf_done(&have);
	free(cmdline);
}

const struct knob_ops knob_isolation = {
	.name = "isolation",
	.summary = "isolcpus / nohz_full / rcu_nocbs (boot parameters)",
	.show = isolation_show,
	.tune = NULL,
};
