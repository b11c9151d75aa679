/* test-view-models.c — what hpview's screens hold for a real database made
 * through the store API (tests/tui/view-fixture.c): the hot function on top,
 * the hot line and its source, the tree's hot path, the flame widths, the
 * thread rows, and the verdict of two benchmarks that clearly differ. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "query.h"
#include "store.h"
#include "util.h"
#include "view-fixture.h"
#include "view.h"

static char dir[64], path[128];
static struct store *st;
static int64_t prof1, prof2, slow, fast;
static struct query_profile *p;

static void setup(void)
{
	struct query_opts all = QUERY_OPTS_INIT;
	char *why = NULL;

	snprintf(dir, sizeof dir, "/tmp/hpview-models.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/v.db", dir);
	cr_assert_eq(store_open(path, 0, &st, &why), 0, "%s", why ? why : "");
	prof1 = view_fixture_hot(st, HOT_PY, 900, 50);
	prof2 = view_fixture_hot(st, HOT_PY, 500, 450);
	slow = view_fixture_bench(st, "python3 slow.py", 0.100, 1);
	fast = view_fixture_bench(st, "python3 fast.py", 0.050, 2);
	cr_assert_eq(query_load(st, prof1, &all, &p, &why), 0, "%s", why ? why : "");
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf %s", dir);
	query_free(p);
	store_close(st);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

TestSuite(models, .init = setup, .fini = teardown);

Test(models, functions_hot_function_first)
{
	struct funcs_model m;

	funcs_model_init(&m, p, RANK_SELF);
	cr_assert_geq(m.nrows, 4);
	cr_assert_str_eq(funcs_model_row(&m, 0)->function, "hot_loop");
	cr_assert_eq(funcs_model_row(&m, 0)->self, 990);
	cr_assert_str_eq(funcs_model_row(&m, 1)->function, "cold");
	funcs_model_sort(&m, RANK_TOTAL);
	cr_assert_eq(funcs_model_row(&m, 0)->total, 1040, "the root frame holds every sample");
	funcs_model_sort(&m, RANK_NAME);
	cr_assert_str_eq(funcs_model_row(&m, 0)->function, "<module>");
	cr_assert_str_eq(funcs_model_row(&m, funcs_model_find(&m, "COLD", 0))->function, "cold");
	cr_assert_eq(funcs_model_find(&m, "nothing-like-this", 0), -1);
	funcs_model_done(&m);
}

Test(models, lines_hot_line_and_source)
{
	struct query_sources *src = query_sources_new(NULL);
	struct lines_model m;
	struct source_model s;

	lines_model_init(&m, p, RANK_SELF);
	cr_assert_eq(lines_model_row(&m, 0)->line, 9);
	cr_assert_eq(lines_model_row(&m, 0)->self, 900);
	source_model_init(&s, p, src, HOT_PY);
	cr_assert(s.readable);
	cr_assert_eq(s.hot, 8, "the hot line is line 9, got %zu", s.hot + 1);
	cr_assert_not_null(strstr(s.lines[s.hot].text, "# HOT"));
	cr_assert_eq(s.lines[7].self, 90);
	cr_assert_eq(s.lines[0].self, 0);
	source_model_done(&s);
	lines_model_done(&m);
	query_sources_free(src);
}

Test(models, tree_opens_the_hot_path)
{
	struct tree_model m;
	struct callers_model c;
	const struct query_tree_node *n;
	int hot;

	tree_model_init(&m, p);
	cr_assert_eq(m.nrows, 5, "root, <module>, main, hot_loop, cold: %zu", m.nrows);
	n = tree_model_node(&m, 3);
	cr_assert_str_eq(p->funcs[n->func].function, "hot_loop");
	cr_assert_eq(n->total, 990);
	hot = n->func;
	tree_model_toggle(&m, 2, 0); /* close main */
	cr_assert_eq(m.nrows, 3);
	callers_model_init(&c, p, hot);
	cr_assert_eq(c.ncallers, 1);
	cr_assert_str_eq(p->funcs[c.callers[0].func].function, "main");
	cr_assert_eq(c.callers[0].count, 990);
	cr_assert_eq(c.ncallees, 0);
	callers_model_done(&c);
	tree_model_done(&m);
}

Test(models, flame_widths_follow_samples)
{
	struct flame_model m;
	long c;

	flame_model_init(&m, p);
	flame_model_layout(&m, 0, 104);
	cr_assert_eq(m.maxdepth, 4);
	for (c = 0; c < (long)m.ncells; c++)
		if (strcmp(flame_model_name(&m, m.cells[c].node), "hot_loop") == 0)
			break;
	cr_assert_lt(c, (long)m.ncells);
	cr_assert_eq(m.cells[c].w, 99, "990 of 1040 samples over 104 columns: %d", m.cells[c].w);
	cr_assert_eq(m.cells[c].depth, 3);
	cr_assert_str_eq(flame_model_name(&m, m.cells[flame_model_move(&m, (size_t)c, 'k')].node),
			 "main");
	flame_model_layout(&m, m.cells[c].node, 80); /* zoom into hot_loop */
	cr_assert_eq(m.ncells, 1);
	cr_assert_eq(m.cells[0].w, 80);
	flame_model_done(&m);
}

Test(models, threads_and_runs)
{
	struct threads_model t;
	struct runs_model r;
	int64_t marked[2];
	char *why = NULL;

	threads_model_init(&t, p);
	cr_assert_eq(t.nrows, 3);
	cr_assert_eq(t.rows[2].tid, 4242);
	cr_assert_eq(t.rows[2].samples, 1040);
	threads_model_done(&t);

	cr_assert_eq(runs_model_load(&r, st, &why), 0);
	cr_assert_eq(r.nrows, 4);
	cr_assert_eq(runs_model_row(&r, 0)->id, fast, "newest first");
	runs_model_filter(&r, "slow");
	cr_assert_eq(r.nrows, 1);
	cr_assert_eq(runs_model_row(&r, 0)->id, slow);
	runs_model_mark(&r, 0);
	runs_model_filter(&r, "");
	runs_model_mark(&r, 0);
	cr_assert_eq(runs_model_marked(&r, marked), 2);
	cr_assert_eq(marked[0], slow, "the first marked is A");
	cr_assert_eq(marked[1], fast);
	runs_model_mark(&r, 3); /* a third mark drops the oldest */
	cr_assert_eq(runs_model_marked(&r, marked), 2);
	cr_assert_eq(marked[0], fast);
	runs_model_done(&r);
}

Test(models, bench_values_and_verdicts)
{
	struct bench_compare_model c;
	struct bench_model b;
	size_t bins[10], sum = 0;
	double lo, hi;
	char *why = NULL;

	cr_assert_eq(bench_model_load(&b, st, slow, &why), 0, "%s", why ? why : "");
	cr_assert_eq(b.nwarmups, 2);
	cr_assert_eq(b.nv, 20);
	cr_assert(b.have_sum);
	cr_assert_float_eq(b.sum.median, 0.100, 0.005);
	bench_model_hist(&b, bins, 10, &lo, &hi);
	for (int i = 0; i < 10; i++)
		sum += bins[i];
	cr_assert_eq(sum, 20);
	cr_assert_lt(lo, hi);
	bench_model_done(&b);

	cr_assert_eq(bench_compare_load(&c, st, slow, fast, &why), 0);
	cr_assert_str_eq(bench_compare_verdict(&c), "faster");
	cr_assert_float_eq(c.cmp.ratio, 0.5, 0.02);
	bench_compare_done(&c);
	cr_assert_eq(bench_compare_load(&c, st, fast, slow, &why), 0);
	cr_assert_str_eq(bench_compare_verdict(&c), "slower");
	bench_compare_done(&c);
	cr_assert_eq(bench_compare_load(&c, st, slow, slow, &why), 0);
	cr_assert_str_eq(bench_compare_verdict(&c), "same");
	bench_compare_done(&c);
}

Test(models, profile_compare_finds_the_shift)
{
	struct query_opts all = QUERY_OPTS_INIT;
	struct profile_compare_model m;
	char *why = NULL;
	int seen = 0;

	cr_assert_eq(profile_compare_load(&m, st, prof1, prof2, &all, &why), 0, "%s", why ? why : "");
	cr_assert_geq(m.funcs->nrows, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct query_diff_row *r = &m.funcs->rows[i];
		if (strcmp(r->function, "cold") == 0) {
			seen++;
			cr_assert_gt(r->delta_pct, 30, "cold gained %.1f", r->delta_pct);
		}
		if (strcmp(r->function, "hot_loop") == 0) {
			seen++;
			cr_assert_lt(r->delta_pct, -30, "hot_loop lost %.1f", r->delta_pct);
		}
	}
	cr_assert_eq(seen, 2, "cold and hot_loop changed most");
	profile_compare_done(&m);
}

/* Wide characters take two columns, combining ones none, bad bytes one. */
Test(text, display_width)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		cr_skip_test("no C.UTF-8 locale");
	cr_assert_eq(view_strwidth("hot_loop"), 8);
	cr_assert_eq(view_strwidth("\u8a08\u7b97x"), 5, "two CJK characters and x");
	cr_assert_eq(view_strwidth("e\u0301"), 1, "e and a combining accent");
	cr_assert_eq(view_strwidth("\xff\xfe"), 2, "invalid bytes");
}

/* A mixed run: the Lines rows split each Python line by what ran under it,
 * the Source model of a missing file still holds the sampled lines, and a
 * thread filter leaves that thread's functions only. */
Test(models, mixed_lines_and_thread_filter)
{
	struct query_opts o = QUERY_OPTS_INIT;
	struct query_profile *m = NULL, *w = NULL;
	struct lines_model lm;
	struct funcs_model fm;
	struct source_model s;
	struct threads_model t;
	char *why = NULL;
	int64_t run = view_fixture_mixed(st);
	int found = 0;

	cr_assert_eq(query_load(st, run, &o, &m, &why), 0, "%s", why ? why : "");
	cr_assert(m->mixed);
	lines_model_init(&lm, m, RANK_TOTAL);
	for (size_t i = 0; i < lm.nrows; i++) {
		const struct query_line *l = lines_model_row(&lm, i);
		if (l->kind != FRAME_PYTHON || strcmp(l->file, "mixed.py") != 0)
			continue;
		if (l->line == 5)
			cr_assert_eq(l->native, 600);
		if (l->line == 6)
			cr_assert_eq(l->system, 100);
		if (l->line == 7)
			cr_assert_eq(l->python, 300);
		found += l->line >= 5 && l->line <= 7;
	}
	cr_assert_eq(found, 3);
	lines_model_done(&lm);
	source_model_init(&s, m, NULL, "mixed.py");
	cr_assert_not(s.readable);
	cr_assert_eq(s.nlines, 30, "up to the last sampled line");
	cr_assert_eq(s.hot, 4, "line 5 (native under it) is the hottest: %zu", s.hot + 1);
	source_model_done(&s);
	threads_model_init(&t, m);
	cr_assert_eq(t.nrows, 4, "all, the process, two threads");
	cr_assert_eq(t.rows[3].tid, 7001);
	threads_model_done(&t);

	o.tid = 7001;
	cr_assert_eq(query_load(st, run, &o, &w, &why), 0, "%s", why ? why : "");
	funcs_model_init(&fm, w, RANK_SELF);
	cr_assert_str_eq(funcs_model_row(&fm, 0)->function, "crunch");
	cr_assert_eq(w->total, 500);
	for (size_t i = 0; i < fm.nrows; i++)
		cr_assert_str_neq(funcs_model_row(&fm, i)->function, "compute");
	funcs_model_done(&fm);
	query_free(w);
	query_free(m);
}
