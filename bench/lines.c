/* lines.c — hot lines of a benchmark's linked profile (lines.h).  The
 * numbers come from lib/query and the table from lib/export-lines.c, as in
 * `hprof report --lines`; here the rows are flat, hottest first, with the
 * file in a column, since a benchmark usually has one hot spot to find. */
#include "config.h"

#include "bench/lines.h"
#include "store-bench.h"
#include "lib/export.h"
#include "query.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Load the profile linked to bench run `bench_run`. */
static int load_linked(struct store *st, int64_t bench_run, struct query_profile **p, char **why)
{
	int64_t prof;
	int err = store_bench_profile_of(st, bench_run, &prof, why);
	if (err < 0)
		return err;
	return query_load(st, prof, NULL, p, why);
}

static size_t count_processes(const struct query_profile *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nthreads; i++) {
		size_t j = 0;
		while (j < i && p->threads[j].pid != p->threads[i].pid)
			j++;
		n += j == i;
	}
	return n;
}

int bench_lines_show(struct store *st, int64_t bench_run, long limit, FILE *out, char **why)
{
	struct query_profile *p = NULL;
	struct query_sources *src;
	struct export_col *cols;
	struct export_table *t;
	int *pick, err;
	size_t n = 0, ncols;

	if ((err = load_linked(st, bench_run, &p, why)) < 0)
		return err;
	pick = xcalloc(p->nlines + 1, sizeof *pick);
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].total > 0)
			pick[n++] = (int)i;
	/* A mixed run: a Python line's native time makes it hot too. */
	export_lines_sort_heat(p, pick, n);
	if (limit && (size_t)limit < n)
		n = (size_t)limit;
	fprintf(out, "Hot lines (profile run %lld, %s backend: %lld samples from %zu processes, "
		"%.1f%% errors):\n", (long long)p->run.id, p->run.sampler ? p->run.sampler : "?",
		(long long)p->total, count_processes(p), 100 * p->run.error_rate);
	src = query_sources_new(p->run.cwd);
	cols = export_line_columns(p->mixed, &ncols);
	cols[0].title = "FILE"; /* flat rows: the file is a column, not a heading */
	t = export_lines_table(p, src, pick, n, cols, ncols);
	err = export_table_text(t, out, 0, "  ");
	export_table_free(t);
	free(cols);
	query_sources_free(src);
	free(pick);
	query_free(p);
	return err;
}

static const struct export_col diff_cols[] = {
	{ "change", "CHANGE", EXPORT_STR, 0 },
	{ "delta", "DELTA", EXPORT_PCT, 0 },
	{ "a", "A SELF%", EXPORT_PCT, 0 },
	{ "b", "B SELF%", EXPORT_PCT, 0 },
	{ "where", "WHERE", EXPORT_STR, 0 },
	{ "function", "FUNCTION", EXPORT_STR, 40 },
};

/* One diff table: rows of d (sorted by |delta|), at most limit. */
static int diff_table(const struct query_diff *d, long limit, FILE *out)
{
	struct export_table *t = export_table_new(diff_cols, HP_ARRAY_SIZE(diff_cols));
	int err;
	for (size_t i = 0; i < d->nrows && (!limit || i < (size_t)limit); i++) {
		const struct query_diff_row *r = &d->rows[i];
		char *where = r->line > 0 ? xasprintf("%s:%d", r->file, r->line) : xstrdup(r->file);
		export_table_str(t, r->delta_pct > 0 ? "gained" : r->delta_pct < 0 ? "lost" : "same");
		export_table_pct(t, r->delta_pct);
		export_table_pct(t, r->a_self_pct);
		export_table_pct(t, r->b_self_pct);
		export_table_str(t, where);
		export_table_str(t, r->function);
		free(where);
	}
	err = export_table_text(t, out, 0, "  ");
	export_table_free(t);
	return err;
}

int bench_lines_compare(struct store *st, int64_t a_run, int64_t b_run, long limit, FILE *out,
			char **why)
{
	struct query_profile *a = NULL, *b = NULL;
	struct query_diff *d;
	int err;

	if ((err = load_linked(st, a_run, &a, why)) < 0 || (err = load_linked(st, b_run, &b, why)) < 0)
		goto out;
	fprintf(out, "Lines that gained or lost share of the samples (A: profile run %lld, "
		"%lld samples; B: profile run %lld, %lld samples):\n", (long long)a->run.id,
		(long long)a->total, (long long)b->run.id, (long long)b->total);
	d = query_diff_build(a, b, QUERY_DIFF_LINES);
	err = diff_table(d, limit, out);
	query_diff_free(d);
	fprintf(out, "Functions:\n");
	d = query_diff_build(a, b, QUERY_DIFF_FUNCTIONS);
	if (!err)
		err = diff_table(d, limit, out);
	query_diff_free(d);
out:
	query_free(a);
	query_free(b);
	return err;
}
