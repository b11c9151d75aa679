/* progress.c — the live progress line (see progress.h). */
#include "config.h"

#include "bench/progress.h"
#include "bench/report.h"
#include "util.h"

#include <stdio.h>
#include <unistd.h>

void progress_init(struct progress *p, size_t total)
{
	p->enabled = isatty(STDOUT_FILENO);
	p->start_ns = hp_now_ns();
	p->last_ns = 0;
	p->total = total;
}

int progress_due(const struct progress *p)
{
	return p->enabled && hp_now_ns() - p->last_ns >= 100000000u;
}

void progress_update(struct progress *p, const char *label, size_t done, double median)
{
	uint64_t now = hp_now_ns();
	double elapsed = (double)(now - p->start_ns) / 1e9;
	char est[REPORT_TIME_LEN], eta[REPORT_TIME_LEN];
	if (!p->enabled || now - p->last_ns < 100000000u)
		return;
	p->last_ns = now;
	report_time(est, sizeof est, median);
	if (done > 0 && done < p->total)
		report_time(eta, sizeof eta, elapsed / (double)done * (double)(p->total - done));
	else
		snprintf(eta, sizeof eta, "?");
	printf("\r\033[K%.40s: %zu/%zu runs, median %s, ETA %s", label, done, p->total, est, eta);
	fflush(stdout);
}

void progress_clear(struct progress *p)
{
	if (!p->enabled || !p->last_ns)
		return;
	printf("\r\033[K");
	fflush(stdout);
}
