/* screen-compare.c — Compare: two benchmark runs (ratio, confidence interval,
 * significance and verdict) or two profiles (the functions or lines whose
 * share gained or lost the most; `l` switches between them). */
#include "config.h"

#include "app.h"
#include "model.h"
#include "screens.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct compare_screen {
	int bench;
	struct bench_compare_model bm;
	struct profile_compare_model pm;
	int by_lines;
	struct view_table t;
};

static const struct view_column diff_cols[] = {
	{ "A self%", 7, 1, 0 }, { "B self%", 7, 1, 0 }, { "Change", 7, 1, 0 },
	{ "Function", 0, 0, 0 }, { "Where", 20, 0, 0 },
};

static const struct query_diff *cur_diff(const struct compare_screen *s)
{
	return s->by_lines ? s->pm.lines : s->pm.funcs;
}

static void diff_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct compare_screen *s = arg;
	const struct query_diff_row *r = &cur_diff(s)->rows[row];

	(void)frac;
	switch (col) {
	case 0: snprintf(buf, len, "%.1f%%", r->a_self_pct); break;
	case 1: snprintf(buf, len, "%.1f%%", r->b_self_pct); break;
	case 2: snprintf(buf, len, "%+.1f", r->delta_pct); break;
	case 3: snprintf(buf, len, "%s", r->function ? r->function : ""); break;
	case 4: screens_where(buf, len, r->file, r->line, NULL); break;
	}
}

static enum view_role diff_role(void *arg, size_t row)
{
	struct compare_screen *s = arg;
	double d = cur_diff(s)->rows[row].delta_pct;
	return d > 0.05 ? VR_BAD : d < -0.05 ? VR_GOOD : VR_NORMAL;
}

static void set_table(struct compare_screen *s)
{
	s->t = (struct view_table){ .cols = diff_cols, .ncols = HP_ARRAY_SIZE(diff_cols),
				    .nrows = cur_diff(s) ? cur_diff(s)->nrows : 0,
				    .cell = diff_cell, .row_role = diff_role, .arg = s };
}

static int both_bench(struct viewer *v, const struct compare_arg *a)
{
	sqlite3_stmt *q = store_stmt(v->st, "SELECT count(*) FROM runs WHERE kind = 'bench' AND id IN (?, ?)",
				     NULL);
	int n = 0;

	if (!q)
		return 0;
	sqlite3_bind_int64(q, 1, a->a);
	sqlite3_bind_int64(q, 2, a->b);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return n == 2;
}

static void *compare_open(struct viewer *v, const void *arg, char **why)
{
	const struct compare_arg *a = arg;
	struct compare_screen *s = xcalloc(1, sizeof *s);
	int ret;

	s->bench = both_bench(v, a);
	if (s->bench)
		ret = bench_compare_load(&s->bm, v->st, a->a, a->b, why);
	else
		ret = profile_compare_load(&s->pm, v->st, a->a, a->b, &v->qopts, why);
	if (ret < 0) {
		bench_compare_done(&s->bm);
		profile_compare_done(&s->pm);
		free(s);
		return NULL;
	}
	set_table(s);
	return s;
}

static void compare_close(void *state)
{
	struct compare_screen *s = state;
	if (s->bench)
		bench_compare_done(&s->bm);
	else
		profile_compare_done(&s->pm);
	free(s);
}

static void bench_side(const char *label, const struct bench_model *m, int y, int w)
{
	char med[32], lo[32], hi[32];

	view_fmt_seconds(med, sizeof med, m->have_sum ? m->sum.median : NAN);
	view_fmt_seconds(lo, sizeof lo, m->have_sum ? m->sum.median_ci.lo : NAN);
	view_fmt_seconds(hi, sizeof hi, m->have_sum ? m->sum.median_ci.hi : NAN);
	view_putf(y, 0, w, view_attr(VR_HEADER), " %s  run %lld  %s", label, (long long)m->run.id,
		  m->run.command ? m->run.command : "");
	view_putf(y + 1, 0, w, 0, "    median %s  [%s, %s]  %zu values", med, lo, hi, m->nv);
}

static void draw_bench(struct compare_screen *s, int y, int w)
{
	const struct stats_comparison *c = &s->bm.cmp;
	const char *verdict = bench_compare_verdict(&s->bm);
	enum view_role role = c->verdict == STATS_FASTER ? VR_GOOD :
			      c->verdict == STATS_SLOWER ? VR_BAD : VR_NORMAL;

	bench_side("A", &s->bm.a, y, w);
	bench_side("B", &s->bm.b, y + 2, w);
	if (!s->bm.have_cmp) {
		view_put(y + 5, 0, w, view_attr(VR_ERROR), " not enough values to compare", 0);
		return;
	}
	view_putf(y + 5, 0, w, 0, " B / A = %.3fx   95%% CI [%.3fx, %.3fx]   Mann-Whitney p = %.3g",
		  c->ratio, c->ci.lo, c->ci.hi, c->mwu.p);
	if (c->verdict == STATS_SAME)
		view_putf(y + 7, 0, w, view_attr(role) | A_BOLD,
			  " Verdict: same -- no significant difference beyond the noise");
	else
		view_putf(y + 7, 0, w, view_attr(role) | A_BOLD, " Verdict: B is %s, by %.2fx",
			  verdict, c->ratio > 1 ? c->ratio : 1 / c->ratio);
}

static void compare_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct compare_screen *s = state;
	const struct query_run *a, *b;

	(void)v;
	if (s->bench) {
		draw_bench(s, y, w);
		return;
	}
	a = &s->pm.a->run;
	b = &s->pm.b->run;
	view_putf(y, 0, w, view_attr(VR_HEADER), " A  run %lld  %s  (%lld samples)", (long long)a->id,
		  a->command ? a->command : "", (long long)s->pm.a->total);
	view_putf(y + 1, 0, w, view_attr(VR_HEADER), " B  run %lld  %s  (%lld samples)",
		  (long long)b->id, b->command ? b->command : "", (long long)s->pm.b->total);
	view_putf(y + 2, 0, w, view_attr(VR_DIM), " %s whose share changed most (l: %s)",
		  s->by_lines ? "Lines" : "Functions", s->by_lines ? "functions" : "lines");
	view_table_draw(&s->t, y + 3, 0, h - 3, w);
}

static int compare_key(void *state, struct viewer *v, int key)
{
	struct compare_screen *s = state;

	(void)v;
	if (s->bench)
		return 0;
	if (view_table_key(&s->t, key))
		return 1;
	if (key == 'l') {
		s->by_lines = !s->by_lines;
		set_table(s);
		return 1;
	}
	return 0;
}

static const char *const compare_keys[] = {
	"l\tprofiles: functions or lines that gained or lost the most",
	NULL,
};

const struct screen_ops screen_compare_ops = {
	.name = "Compare", .keys = compare_keys, .open = compare_open, .close = compare_close,
	.draw = compare_draw, .key = compare_key, .search = NULL,
};
