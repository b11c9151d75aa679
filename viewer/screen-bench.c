/* screen-bench.c — Benchmark: a run's statistics, a histogram of its values
 * in block characters, every value (warm-ups and outliers marked), its
 * metadata (`m`), and the hot lines of its profile (`p`, run --profile). */
#include "config.h"

#include "app.h"
#include "model.h"
#include "screens.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bench_screen {
	struct bench_model m;
	struct view_table t;
	long *vidx;        /* per value: index among non-warm-ups, -1 for warm-ups */
	int show_meta;
};

static const struct view_column value_cols[] = {
	{ "#", 5, 1, 0 }, { "Value", 10, 1, 0 }, { "Loops", 7, 1, 0 }, { "Wall", 9, 1, 0 },
	{ "User", 9, 1, 0 }, { "Sys", 9, 1, 0 }, { "Max RSS", 9, 1, 0 }, { "", 0, 0, 0 },
};
static const struct view_column meta_cols[] = { { "Key", 28, 0, 0 }, { "Value", 0, 0, 0 } };

static void ns_cell(char *buf, size_t len, int64_t ns)
{
	if (ns < 0)
		snprintf(buf, len, "-");
	else
		view_fmt_seconds(buf, len, (double)ns / 1e9);
}

static void bench_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct bench_screen *s = arg;
	const struct bench_value *b = &s->m.values[row];
	long k = s->vidx[row];

	(void)frac;
	if (s->show_meta) {
		snprintf(buf, len, "%s", col == 0 ? s->m.meta_keys[row] : s->m.meta_vals[row]);
		return;
	}
	switch (col) {
	case 0: snprintf(buf, len, "%lld", (long long)b->seq + 1); break;
	case 1: view_fmt_seconds(buf, len, b->value); break;
	case 2: snprintf(buf, len, "%lld", (long long)b->loops); break;
	case 3: ns_cell(buf, len, b->wall_ns); break;
	case 4: ns_cell(buf, len, b->user_ns); break;
	case 5: ns_cell(buf, len, b->sys_ns); break;
	case 6:
		if (b->max_rss_kb < 0)
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%.1f MB", (double)b->max_rss_kb / 1024);
		break;
	case 7:
		snprintf(buf, len, "%s%s", b->warmup ? "warm-up" : "",
			 k >= 0 && s->m.outlier[k] ? "outlier" : "");
		break;
	}
}

static enum view_role bench_role(void *arg, size_t row)
{
	struct bench_screen *s = arg;
	long k;

	if (s->show_meta)
		return VR_NORMAL;
	k = s->vidx[row];
	if (k < 0)
		return VR_DIM;
	return s->m.outlier[k] ? VR_WARM : VR_NORMAL;
}

static void set_table(struct bench_screen *s)
{
	s->t = (struct view_table){ .cols = s->show_meta ? meta_cols : value_cols,
				    .ncols = s->show_meta ? (int)HP_ARRAY_SIZE(meta_cols) :
							    (int)HP_ARRAY_SIZE(value_cols),
				    .nrows = s->show_meta ? s->m.nmeta : s->m.nvalues,
				    .cell = bench_cell, .row_role = bench_role, .arg = s };
}

static void *bench_open(struct viewer *v, const void *arg, char **why)
{
	struct bench_screen *s = xcalloc(1, sizeof *s);
	long k = 0;

	(void)arg;
	if (bench_model_load(&s->m, v->st, v->run, why) < 0) {
		bench_model_done(&s->m);
		free(s);
		return NULL;
	}
	s->vidx = xcalloc(s->m.nvalues + 1, sizeof *s->vidx);
	for (size_t i = 0; i < s->m.nvalues; i++)
		s->vidx[i] = s->m.values[i].warmup ? -1 : k++;
	set_table(s);
	return s;
}

static void bench_close(void *state)
{
	struct bench_screen *s = state;
	bench_model_done(&s->m);
	free(s->vidx);
	free(s);
}

/* Statistics lines; returns how many rows were used. */
static int draw_stats(const struct bench_model *m, int y, int w)
{
	char a[32], b[32], c[32], d[32];
	const struct stats_summary *u = &m->sum;

	view_putf(y, 0, w, view_attr(VR_HEADER), " %s%s%s", m->run.name ? "[" : "",
		  m->run.name ? m->run.name : "", m->run.name ? "] " : "");
	view_putf(y, m->run.name ? view_strwidth(m->run.name) + 4 : 1, w, view_attr(VR_HEADER), "%s",
		  m->run.command ? m->run.command : "");
	view_putf(y + 1, 0, w, view_attr(VR_DIM), " %s, %d CPUs %s  %s  Python %s",
		  m->run.hostname ? m->run.hostname : "?", m->run.cpu_count,
		  m->run.cpu_model ? m->run.cpu_model : "", m->run.kernel ? m->run.kernel : "",
		  m->run.python_version ? m->run.python_version : "-");
	if (!m->have_sum) {
		view_putf(y + 2, 0, w, 0, " %zu values (%zu warm-ups): no statistics yet", m->nv,
			  m->nwarmups);
		return 3;
	}
	view_fmt_seconds(a, sizeof a, u->mean);
	view_fmt_seconds(b, sizeof b, u->stddev);
	view_fmt_seconds(c, sizeof c, u->median);
	view_fmt_seconds(d, sizeof d, u->mad);
	view_putf(y + 2, 0, w, 0, " %zu values (+%zu warm-ups)   mean %s \u00b1 %s   median %s \u00b1 %s (MAD)",
		  u->n, m->nwarmups, a, b, c, d);
	view_fmt_seconds(a, sizeof a, u->min);
	view_fmt_seconds(b, sizeof b, u->max);
	view_fmt_seconds(c, sizeof c, u->mean_ci.lo);
	view_fmt_seconds(d, sizeof d, u->mean_ci.hi);
	view_putf(y + 3, 0, w, 0, " min %s  max %s   %.0f%% CI of the mean [%s, %s]   outliers %zu",
		  a, b, 100 * u->conf, c, d, u->outliers_iqr);
	return 4;
}

/* Bins for n values: about 2 sqrt(n) (at least 8), at most one per column. */
static int hist_bins(size_t n, int cols)
{
	int nb = 8;
	while ((size_t)nb * (size_t)nb < 4 * n)
		nb++;
	return nb < cols ? nb : cols;
}

/* A histogram `h` rows tall: each bin a column group, eighth-blocks on top. */
static void draw_hist(const struct bench_model *m, int y, int h, int w)
{
	int cols = w - 2 > 1 ? w - 2 : 1, nb = hist_bins(m->nv, cols), cw = cols / nb;
	size_t *bins = xcalloc((size_t)nb, sizeof *bins), top = 0;
	double lo, hi;
	char l[32], r[32];

	bench_model_hist(m, bins, nb, &lo, &hi);
	for (int i = 0; i < nb; i++)
		if (bins[i] > top)
			top = bins[i];
	for (int row = 0; row < h - 1 && top; row++) {
		int base = (h - 2 - row) * 8;  /* eighths below this row */
		for (int i = 0; i < nb; i++) {
			int e = (int)((double)bins[i] / (double)top * (h - 1) * 8 + 0.5) - base;
			for (int c = 0; c < (cw > 2 ? cw - 1 : cw); c++)
				view_put(y + row, 1 + i * cw + c, 1, view_attr(VR_BAR), view_vblock(e), 0);
		}
	}
	view_fmt_seconds(l, sizeof l, lo);
	view_fmt_seconds(r, sizeof r, hi);
	view_put(y + h - 1, 1, w / 2, view_attr(VR_DIM), l, 0);
	view_put(y + h - 1, w / 2, nb * cw - w / 2 + 1, view_attr(VR_DIM), r, 1);
	free(bins);
}

static void bench_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct bench_screen *s = state;
	int used = draw_stats(&s->m, y, w);
	int hist = h >= 20 ? h / 4 : (h >= 14 ? 4 : 0);

	(void)v;
	if (hist && s->m.nv) {
		draw_hist(&s->m, y + used, hist, w);
		used += hist;
	}
	view_putf(y + used, 0, w, view_attr(VR_DIM), "%s%s", s->show_meta ?
		  " metadata (m: values)" : " values in measured order (m: metadata)",
		  s->m.profile ? "   p: hot lines of the profile taken while measured" : "");
	view_table_draw(&s->t, y + used + 1, 0, h - used - 1, w);
}

/* `p`: the linked profile becomes the open run, on its Lines screen (this
 * screen is closed by then: Runs is below it). */
static int open_profile(struct viewer *v, int64_t profile)
{
	char *why = NULL;

	if (!profile) {
		viewer_msg(v, 0, "no profile: measure with 'hpbench run --profile'");
		return 1;
	}
	if (viewer_open_run(v, profile, &why) < 0) {
		viewer_msg(v, 1, "%s", why ? why : "cannot open the profile");
		free(why);
		return 1;
	}
	viewer_push(v, SCR_LINES, NULL);
	return 1;
}

static int bench_key(void *state, struct viewer *v, int key)
{
	struct bench_screen *s = state;

	if (view_table_key(&s->t, key))
		return 1;
	if (key == 'm') {
		s->show_meta = !s->show_meta;
		set_table(s);
		return 1;
	}
	if (key == 'p')
		return open_profile(v, s->m.profile);
	return 0;
}

static const char *const bench_keys[] = {
	"m\tshow the run's metadata instead of its values (and back)",
	"p\topen the profile taken while it was measured (run --profile) on Lines",
	NULL,
};

const struct screen_ops screen_bench_ops = {
	.name = "Benchmark", .keys = bench_keys, .open = bench_open, .close = bench_close,
	.draw = bench_draw, .key = bench_key, .search = NULL,
};
