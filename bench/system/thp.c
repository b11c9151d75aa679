/* thp.c — transparent huge pages.  With "always", khugepaged collapses and
 * compacts memory behind the benchmark's back; "madvise" keeps huge pages
 * for programs that ask for them. */
#include "config.h"

#include "bench/system.h"

#include <stdlib.h>
#include <string.h>

#define THP_PATH "/sys/kernel/mm/transparent_hugepage/enabled"

static void thp_show(struct sysctx *ctx, struct knob_report *r)
{
	char *sel = sys_read_choice(ctx, THP_PATH);
	if (!sel)
		knob_set(r, KNOB_NA, "", "not applicable here (no transparent huge pages)");
	else if (strcmp(sel, "always") == 0)
		knob_set(r, KNOB_BAD, sel, "tune sets madvise (khugepaged adds noise)");
	else
		knob_set(r, KNOB_OK, sel, NULL);
	free(sel);
}

static int thp_tune(struct sysctx *ctx, char **why)
{
	return sys_write(ctx, "thp", THP_PATH, "madvise", SYS_CHOICE, why);
}

const struct knob_ops knob_thp = {
	.name = "thp",
	.summary = "transparent huge pages",
	.show = thp_show,
	.tune = thp_tune,
};
