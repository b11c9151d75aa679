/* report.c — printing summaries, warnings and comparisons (see report.h). */
#include "config.h"

#include "bench/report.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *report_time(char *buf, size_t n, double s)
{
	static const struct { double scale; const char *unit; } units[] = {
		{ 1.0, "s" }, { 1e-3, "ms" }, { 1e-6, "us" }, { 1e-9, "ns" },
	};
	size_t i = 0;
	double v;
	if (!isfinite(s)) {
		snprintf(buf, n, "-");
		return buf;
	}
	while (i + 1 < HP_ARRAY_SIZE(units) && fabs(s) < units[i].scale * 0.9995)
		i++;
	v = s / units[i].scale;
	if (fabs(v) >= 99.95)
		snprintf(buf, n, "%.0f %s", v, units[i].unit);
	else if (fabs(v) >= 9.995)
		snprintf(buf, n, "%.1f %s", v, units[i].unit);
	else
		snprintf(buf, n, "%.2f %s", v, units[i].unit);
	return buf;
}

double *report_timed(const struct bench_value *v, size_t n, size_t *count, double *min_raw)
{
	double *out = xmalloc((n ? n : 1) * sizeof(*out));
	*count = 0;
	*min_raw = INFINITY;
	for (size_t i = 0; i < n; i++) {
		double raw;
		if (v[i].warmup)
			continue;
		out[(*count)++] = v[i].value;
		raw = v[i].value * (double)(v[i].loops > 0 ? v[i].loops : 1);
		if (raw < *min_raw)
			*min_raw = raw;
	}
	return out;
}

void report_opts_init(struct report_opts *o)
{
	stats_opts_init(&o->stats);
	stats_limits_init(&o->limits);
	stats_compare_opts_init(&o->cmp);
}

int report_warnings(FILE *f, const double *v, size_t n, double min_raw,
		    const struct report_opts *o)
{
	struct stats_stability s;
	char t1[REPORT_TIME_LEN], t2[REPORT_TIME_LEN];
	int count = 0;
	stats_check_stability(v, n, min_raw, &o->limits, &s);
	if (s.spread && ++count)
		fprintf(f, "  warning: std dev is %.1f%% of the mean (threshold %.0f%%): the values "
			"are unstable; tune the system ('hpbench system tune') or close other "
			"programs\n", 100 * s.rel_stddev, 100 * o->limits.max_rel_stddev);
	if (s.too_few && ++count)
		fprintf(f, "  warning: %zu values, %zu needed for a 95%% CI of the mean within "
			"%.1f%% of it (threshold --target-ci %.1f%%): run more (-p, --runs, "
			"--min-time)\n", n, s.needed, 100 * o->limits.precision,
			100 * o->limits.precision);
	if (s.first_slow && ++count)
		fprintf(f, "  warning: the first value is %.0f%% above the median (threshold "
			"%.0f%%): add warm-ups (-w)\n", 100 * s.first_excess,
			100 * o->limits.first_slower);
	if (s.too_short && ++count)
		fprintf(f, "  warning: the shortest value is %s (threshold %s): timer and process "
			"start-up dominate; time a longer workload or use 'hpbench timeit'\n",
			report_time(t1, sizeof t1, min_raw),
			report_time(t2, sizeof t2, o->limits.min_value));
	return count;
}

/* Mean of a per-run rusage field over timed values that have it; -1 if none. */
static double mean_field(const struct bench_value *all, size_t n, size_t offset)
{
	double sum = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t x = *(const int64_t *)((const char *)&all[i] + offset);
		if (all[i].warmup || x < 0)
			continue;
		sum += (double)x;
		k++;
	}
	return k ? sum / (double)k : -1;
}

static void summary_rusage(FILE *f, const struct bench_value *all, size_t nall)
{
	double user = mean_field(all, nall, offsetof(struct bench_value, user_ns));
	double sys = mean_field(all, nall, offsetof(struct bench_value, sys_ns));
	double rss = mean_field(all, nall, offsetof(struct bench_value, max_rss_kb));
	char t1[REPORT_TIME_LEN], t2[REPORT_TIME_LEN];
	if (user >= 0 && sys >= 0)
		fprintf(f, "  User / system:   %s / %s (mean per run)\n",
			report_time(t1, sizeof t1, user / 1e9), report_time(t2, sizeof t2, sys / 1e9));
	if (rss >= 0)
		fprintf(f, "  Peak RSS:        %.1f MiB (mean)\n", rss / 1024.0);
}

static void summary_counts(FILE *f, const struct bench_value *all, size_t nall, size_t ntimed)
{
	int procs = 0;
	int64_t loops = 0;
	for (size_t i = 0; i < nall; i++) {
		if (all[i].process + 1 > procs)
			procs = all[i].process + 1;
		if (!all[i].warmup)
			loops = all[i].loops;
	}
	fprintf(f, "  Values:          %zu (+ %zu warm-ups) in %d process%s", ntimed, nall - ntimed,
		procs, procs == 1 ? "" : "es");
	if (loops > 1)
		fprintf(f, ", %lld loops per value", (long long)loops);
	fputc('\n', f);
}

void report_summary(FILE *f, const struct bench_value *all, size_t nall,
		    const struct report_opts *o)
{
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN], c[REPORT_TIME_LEN], d[REPORT_TIME_LEN];
	struct stats_summary s;
	size_t n;
	double min_raw, *v = report_timed(all, nall, &n, &min_raw);
	if (stats_summarize(v, n, &o->stats, &s) < 0) {
		fprintf(f, "  no values\n");
		free(v);
		return;
	}
	fprintf(f, "  Mean ± std dev:  %s ± %s   (%.0f%% CI %s … %s)\n",
		report_time(a, sizeof a, s.mean), report_time(b, sizeof b, s.stddev),
		100 * s.conf, report_time(c, sizeof c, s.mean_ci.lo),
		report_time(d, sizeof d, s.mean_ci.hi));
	fprintf(f, "  Median ± MAD:    %s ± %s   (%.0f%% CI %s … %s)\n",
		report_time(a, sizeof a, s.median), report_time(b, sizeof b, s.mad),
		100 * s.conf, report_time(c, sizeof c, s.median_ci.lo),
		report_time(d, sizeof d, s.median_ci.hi));
	fprintf(f, "  Range:           %s … %s\n", report_time(a, sizeof a, s.min),
		report_time(b, sizeof b, s.max));
	summary_counts(f, all, nall, n);
	summary_rusage(f, all, nall);
	if (s.outliers_iqr || s.outliers_modz)
		fprintf(f, "  Outliers:        %zu beyond 1.5 IQR, %zu with |modified Z| > 3.5 "
			"(kept; 'hpbench stats' lists them)\n", s.outliers_iqr, s.outliers_modz);
	report_warnings(f, v, n, min_raw, o);
	free(v);
}

enum stats_verdict report_relation(FILE *f, const char *x_label, const double *x, size_t nx,
				   const char *base_label, const double *base, size_t nbase,
				   const struct report_opts *o)
{
	struct stats_comparison c;
	double factor, lo, hi;
	char p[32];
	if (stats_compare(base, nbase, x, nx, &o->cmp, &c) < 0) {
		fprintf(f, "  %s vs %s: not enough values to compare\n", x_label, base_label);
		return STATS_SAME;
	}
	if (c.mwu.p < 0.001)
		snprintf(p, sizeof p, "p < 0.001");
	else
		snprintf(p, sizeof p, "p = %.3f", c.mwu.p);
	factor = c.ratio < 1 ? 1 / c.ratio : c.ratio;
	lo = c.ratio < 1 ? 1 / c.ci.hi : c.ci.lo;
	hi = c.ratio < 1 ? 1 / c.ci.lo : c.ci.hi;
	if (c.verdict == STATS_SAME)
		fprintf(f, "  %s and %s: no significant difference (time ratio %.3fx, %.0f%% CI "
			"%.3fx … %.3fx, Mann-Whitney %s, noise %.1f%%)\n", x_label, base_label,
			c.ratio, 100 * o->cmp.conf, c.ci.lo, c.ci.hi, p, 100 * o->cmp.noise);
	else
		fprintf(f, "  %s is %.2fx ± %.2f %s than %s (%.0f%% CI %.2fx … %.2fx, "
			"Mann-Whitney %s)\n", x_label, factor, (hi - lo) / 2,
			c.verdict == STATS_FASTER ? "faster" : "slower", base_label,
			100 * o->cmp.conf, lo, hi, p);
	return c.verdict;
}
