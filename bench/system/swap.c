/* swap.c — a benchmark that gets paged out measures the disk.  With swap
 * devices active, tune lowers vm.swappiness to 1 (swap only to avoid the
 * OOM killer); swapoff is left to the user. */
#include "config.h"

#include "bench/system.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWAPPINESS "/proc/sys/vm/swappiness"

static int swap_devices(struct sysctx *ctx)
{
	char *text = sys_read(ctx, "/proc/swaps");
	int lines = 0;
	if (!text)
		return -1;
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	free(text);
	return lines > 0 ? lines - 1 : 0; /* minus the header */
}

static void swap_show(struct sysctx *ctx, struct knob_report *r)
{
	int dev = swap_devices(ctx);
	long sw;
	char val[64];
	if (dev < 0 || sys_read_long(ctx, SWAPPINESS, &sw) < 0) {
		knob_set(r, KNOB_NA, "", "not applicable here (no /proc/swaps)");
		return;
	}
	snprintf(val, sizeof val, "%d device(s), swappiness %ld", dev, sw);
	if (dev > 0 && sw > 1)
		knob_set(r, KNOB_BAD, val, "tune sets swappiness 1; 'swapoff -a' removes swap");
	else
		knob_set(r, KNOB_OK, val, NULL);
}

static int swap_tune(struct sysctx *ctx, char **why)
{
	long sw;
	if (swap_devices(ctx) <= 0 || sys_read_long(ctx, SWAPPINESS, &sw) < 0 || sw <= 1)
		return 0;
	return sys_write(ctx, "swap", SWAPPINESS, "1", SYS_RAW, why);
}

const struct knob_ops knob_swap = {
	.name = "swap",
	.summary = "swap devices and vm.swappiness",
	.show = swap_show,
	.tune = swap_tune,
};
