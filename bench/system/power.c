/* power.c — on battery, laptops cap clocks and power: benchmark on mains.
 * Nothing to tune: the cable has to be plugged in. */
#include "config.h"

#include "bench/system.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static void power_show(struct sysctx *ctx, struct knob_report *r)
{
	char *dir = sys_path(ctx, "/sys/class/power_supply");
	DIR *d = opendir(dir);
	struct dirent *de;
	int mains = 0, mains_online = 0, battery = 0;
	free(dir);
	while (d && (de = readdir(d))) {
		char *tp, *op, *type;
		long online = 0;
		if (de->d_name[0] == '.')
			continue;
		tp = xasprintf("/sys/class/power_supply/%s/type", de->d_name);
		op = xasprintf("/sys/class/power_supply/%s/online", de->d_name);
		type = sys_read_line(ctx, tp);
		if (type && strcmp(type, "Mains") == 0) {
			mains++;
			mains_online += sys_read_long(ctx, op, &online) == 0 && online == 1;
		} else if (type && strcmp(type, "Battery") == 0) {
			battery++;
		}
		free(type);
		free(op);
		free(tp);
	}
	if (d)
		closedir(d);
	if (!mains && !battery)
		knob_set(r, KNOB_NA, "", "not applicable here (no power supply information)");
	else if (mains_online || !battery)
		knob_set(r, KNOB_OK, "on mains power", NULL);
	else
		knob_set(r, KNOB_BAD, "on battery", "plug in the power cable (tune cannot)");
}

const struct knob_ops knob_power = {
	.name = "power",
	.summary = "power supply",
	.show = power_show,
	.tune = NULL,
};
