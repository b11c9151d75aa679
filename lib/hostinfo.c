/* hostinfo.c — hostname, kernel, CPU model and count for run metadata. */
#include "config.h"

#include "hostinfo.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static void cpu_model(char *out, size_t n)
{
	char *text = hp_read_file("/proc/cpuinfo", NULL);
	char *p = text ? strstr(text, "model name") : NULL;
	snprintf(out, n, "unknown");
	if (p && (p = strchr(p, ':'))) {
		p += 1 + strspn(p + 1, " \t");
		snprintf(out, n, "%.*s", (int)strcspn(p, "\n"), p);
	}
	free(text);
}

void hostinfo_get(struct hostinfo *h)
{
	struct utsname u;
	memset(h, 0, sizeof *h);
	if (uname(&u) == 0) {
		snprintf(h->hostname, sizeof h->hostname, "%s", u.nodename);
		snprintf(h->kernel, sizeof h->kernel, "%s %s %s", u.sysname, u.release, u.machine);
	}
	cpu_model(h->cpu_model, sizeof h->cpu_model);
	h->cpu_count = (int)sysconf(_SC_NPROCESSORS_ONLN);
}
