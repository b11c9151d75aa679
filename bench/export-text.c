/* export-text.c — the two text formats: CSV with one row per value (warm-ups
 * flagged) and a Markdown summary table like hyperfine's, relative to the
 * fastest mean. */
#include "config.h"

#include "bench/export.h"
#include "stats.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_opt(FILE *f, int64_t v)
{
	if (v >= 0)
		fprintf(f, ",%lld", (long long)v);
	else
		fputs(",", f);
}

static int csv_write(FILE *f, const struct export_run *runs, size_t n, char **why)
{
	fputs("run,name,command,seq,process,warmup,loops,value,wall_ns,user_ns,sys_ns,"
	      "max_rss_kb,exit_status\n", f);
	for (size_t r = 0; r < n; r++) {
		const struct runload *rl = &runs[r].rl;
		for (size_t i = 0; i < rl->nvals; i++) {
			const struct bench_value *v = &rl->vals[i];
			fprintf(f, "%lld,", (long long)rl->info.id);
			csv_field(f, rl->info.name);
			fputc(',', f);
			csv_field(f, rl->info.command);
			fprintf(f, ",%lld,%d,%d,%lld,%.17g", (long long)v->seq, v->process, v->warmup,
				(long long)v->loops, v->value);
			csv_opt(f, v->wall_ns);
			csv_opt(f, v->user_ns);
			csv_opt(f, v->sys_ns);
			csv_opt(f, v->max_rss_kb);
			csv_opt(f, v->exit_status);
			fputc('\n', f);
		}
	}
	return ferror(f) ? hp_fail(why, -EIO, "cannot write the CSV") : 0;
}

static void unit_for(double s, const char **unit, double *scale)
{
	*unit = s >= 1 ? "s" : s >= 1e-3 ? "ms" : s >= 1e-6 ? "µs" : "ns";
	*scale = s >= 1 ? 1 : s >= 1e-3 ? 1e3 : s >= 1e-6 ? 1e6 : 1e9;
}

/* Markdown cells must not contain '|' or newlines. */
static void md_cell(FILE *f, const char *s)
{
	fputc('`', f);
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s == '\n' ? ' ' : *s, f);
	}
	fputc('`', f);
}

static int markdown_write(FILE *f, const struct export_run *runs, size_t n, char **why)
{
	size_t best = 0;
	const char *unit;
	double scale, bm, bsd;
	for (size_t i = 1; i < n; i++)
		if (stats_mean(runs[i].rl.timed, runs[i].rl.ntimed) <
		    stats_mean(runs[best].rl.timed, runs[best].rl.ntimed))
			best = i;
	bm = stats_mean(runs[best].rl.timed, runs[best].rl.ntimed);
	bsd = stats_stddev(runs[best].rl.timed, runs[best].rl.ntimed);
	unit_for(bm, &unit, &scale);
	fprintf(f, "| Command | Mean [%s] | Median [%s] | Min [%s] | Max [%s] | Relative |\n", unit,
		unit, unit, unit);
	fputs("|:---|---:|---:|---:|---:|---:|\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct runload *rl = &runs[i].rl;
		double m = stats_mean(rl->timed, rl->ntimed), sd = stats_stddev(rl->timed, rl->ntimed);
		double rel = m / bm, rsd = rel * sqrt(pow(sd / m, 2) + pow(bsd / bm, 2));
		fputs("| ", f);
		md_cell(f, runload_label(rl));
		fprintf(f, " | %.3f ± %.3f | %.3f | %.3f | %.3f | ", m * scale, sd * scale,
			stats_median(rl->timed, rl->ntimed) * scale,
			stats_min(rl->timed, rl->ntimed) * scale, stats_max(rl->timed, rl->ntimed) * scale);
		if (i == best)
			fputs("1.00 |\n", f);
		else
			fprintf(f, "%.2f ± %.2f |\n", rel, rsd);
	}
	return ferror(f) ? hp_fail(why, -EIO, "cannot write the Markdown") : 0;
}

const struct export_ops export_csv = { .name = "csv", .write = csv_write };
const struct export_ops export_markdown = { .name = "markdown", .write = markdown_write };
