/* test-query.c — lib/query on real SQLite files written through the store:
 * self/total per function and line, recursion counted once, the mixed
 * Python/native/system split, filters, trees, collapsed stacks, diffs. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "query.h"
#include "store.h"
#include "test-query-fixture.h"
#include "util.h"

static char dir[64];
static char path[128];
static struct store *st;

static void setup(void)
{
	char *why = NULL;
	snprintf(dir, sizeof dir, "/tmp/hpquery.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	cr_assert_eq(store_open(path, 0, &st, &why), 0, "store_open: %s", why);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf %s", dir);
	store_close(st);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

TestSuite(query, .init = setup, .fini = teardown);

/* 600 samples main->a->hot (line 7), 400 main->b->hot (line 9). */
static const char two_paths[] =
	"run python3 two.py\n"
	"process 100 python3 two.py\n"
	"thread 100 MainThread\n"
	"sample 600 py|main|two.py|20|18 py|a|two.py|3|2 py|hot|two.py|7|6\n"
	"sample 400 py|main|two.py|21|18 py|b|two.py|12|11 py|hot|two.py|9|6\n"
	"finish completed 1000 10 2.5 1000 3.11.7\n";

static int64_t apply(const char *spec)
{
	char *why = NULL;
	int64_t run = 0;
	cr_assert_eq(fixture_apply(st, spec, &run, &why), 0, "fixture: %s", why);
	return run;
}

static struct query_profile *load(int64_t run, const struct query_opts *o)
{
	struct query_profile *p = NULL;
	char *why = NULL;
	int ret = query_load(st, run, o, &p, &why);
	cr_assert_eq(ret, 0, "query_load: %s", why);
	return p;
}

static const struct query_func *func(const struct query_profile *p, const char *name)
{
	for (size_t i = 0; i < p->nfuncs; i++)
		if (!strcmp(p->funcs[i].function, name))
			return &p->funcs[i];
	cr_assert_fail("no function %s", name);
	return NULL;
}

static const struct query_line *line(const struct query_profile *p, const char *file, int n)
{
	for (size_t i = 0; i < p->nlines; i++)
		if (!strcmp(p->lines[i].file, file) && p->lines[i].line == n)
			return &p->lines[i];
	cr_assert_fail("no line %s:%d", file, n);
	return NULL;
}

Test(query, header_facts)
{
	struct query_profile *p = load(apply(two_paths), NULL);
	cr_assert_str_eq(p->run.command, "python3 two.py");
	cr_assert_str_eq(p->run.status, "completed");
	cr_assert_str_eq(p->run.python_version, "3.11.7");
	cr_assert_eq(p->run.samples, 1000);
	cr_assert_eq(p->run.errors, 10);
	cr_assert_float_eq(p->run.error_rate, 10.0 / 1010.0, 1e-9);
	cr_assert_float_eq(p->run.duration_s, 2.5, 1e-6);
	cr_assert_float_eq(p->run.rate_hz, 1000.0, 1e-9);
	cr_assert_eq(p->total, 1000);
	cr_assert_eq(p->matched, 1000);
	cr_assert_eq(p->mixed, 0);
	query_free(p);
}

Test(query, functions_self_and_total)
{
	struct query_profile *p = load(apply(two_paths), NULL);
	const struct query_func *hot = func(p, "hot"), *a = func(p, "a"), *mainf = func(p, "main");
	cr_assert_eq(p->nfuncs, 4);
	cr_assert_eq(&p->funcs[0], hot, "hottest first");
	cr_assert_eq(hot->self, 1000);
	cr_assert_eq(hot->total, 1000);
	cr_assert_eq(hot->def_line, 6);
	cr_assert_eq(a->self, 0);
	cr_assert_eq(a->total, 600);
	cr_assert_float_eq(a->total_pct, 60.0, 1e-9);
	cr_assert_eq(func(p, "b")->total, 400);
	cr_assert_eq(mainf->self, 0);
	cr_assert_eq(mainf->total, 1000, "main is on every stack, counted once per sample");
	cr_assert_eq(mainf->def_line, 18);
	query_free(p);
}

Test(query, lines_by_leaf_line)
{
	struct query_profile *p = load(apply(two_paths), NULL);
	cr_assert_eq(p->lines[0].line, 7);
	cr_assert_eq(p->lines[0].self, 600);
	cr_assert_float_eq(p->lines[0].self_pct, 60.0, 1e-9);
	cr_assert_str_eq(p->lines[0].function, "hot");
	cr_assert_eq(p->lines[1].line, 9);
	cr_assert_eq(p->lines[1].self, 400);
	cr_assert_eq(line(p, "two.py", 20)->total, 600);
	cr_assert_eq(line(p, "two.py", 20)->self, 0);
	cr_assert_eq(line(p, "two.py", 21)->total, 400);
	query_free(p);
}

Test(query, recursion_counted_once_in_total)
{
	int64_t run = apply("run python3 rec.py\nprocess 1\nthread 1\n"
			    "sample 100 py|main|r.py|9|8 py|a|r.py|3|2 py|a|r.py|3|2 py|a|r.py|3|2\n"
			    "sample 50 py|main|r.py|9|8 py|a|r.py|3|2 py|leaf|r.py|5|4\n"
			    "finish completed 150 0 1\n");
	struct query_profile *p = load(run, NULL);
	cr_assert_eq(func(p, "a")->total, 150, "not 350: each sample counts once");
	cr_assert_eq(func(p, "a")->self, 100);
	cr_assert_eq(line(p, "r.py", 3)->total, 150);
	cr_assert_eq(func(p, "leaf")->self, 50);
	cr_assert_eq(p->stacks[0].nframes, 4, "the whole recursion depth is kept");
	query_free(p);
}

/* compress() at line 10 calls native deflate which enters the kernel. */
static const char mixed_run[] =
	"run python3 z.py\nprocess 7\nthread 7\n"
	"sample 20 py|main|z.py|5|1 py|compress|z.py|10|9\n"
	"sample 50 py|main|z.py|5|1 py|compress|z.py|10|9 native|deflate|deflate.c|88|80|/lib/libz.so.1\n"
	"sample 30 py|main|z.py|5|1 py|compress|z.py|10|9 native|deflate|deflate.c|90|80|/lib/libz.so.1"
	" kernel|ksys_write||0|0\n"
	"sample 5 py|main|z.py|6|1\n"
	/* the interpreter's own C code is Python time; zlib called through it is not */
	"sample 10 py|main|z.py|5|1 py|compress|z.py|10|9 native|long_mul|longobject.c|7|1|/usr/lib/libpython3.11.so.1.0\n"
	"sample 4 py|main|z.py|6|1 native|zlib_compress|zlibmodule.c|3|1|/usr/bin/python3.11"
	" native|deflate|deflate.c|88|80|/lib/libz.so.1\n"
	"finish completed 119 0 1\n";

Test(query, mixed_split_by_innermost_python_line)
{
	struct query_profile *p = load(apply(mixed_run), NULL);
	const struct query_line *l10 = line(p, "z.py", 10), *l5 = line(p, "z.py", 5);
	cr_assert_eq(p->mixed, 1);
	cr_assert_eq(l10->python, 30, "20 in bytecode + 10 in libpython");
	cr_assert_eq(l10->native, 50);
	cr_assert_eq(l10->system, 30);
	cr_assert_eq(l10->self, 20);
	cr_assert_eq(l10->total, 110);
	cr_assert_eq(l5->python + l5->native + l5->system, 0, "main:5 is never the innermost Python line");
	cr_assert_eq(line(p, "z.py", 6)->python, 5);
	cr_assert_eq(line(p, "z.py", 6)->native, 4, "libz under the static interpreter is native");
	cr_assert_eq(line(p, "deflate.c", 88)->self, 54);
	cr_assert_eq(func(p, "deflate")->total, 84);
	cr_assert_eq(func(p, "ksys_write")->kind, FRAME_KERNEL);
	query_free(p);
}

/* Two processes, two threads in the first, an idle stack in one. */
static const char threads_run[] =
	"run python3 t.py\n"
	"process 10\nthread 10 MainThread\n"
	"sample 70 py|main|t.py|1|1 py|spin|t.py|4|3\n"
	"thread 11 worker\n"
	"sample 20 py|run|t.py|8|7 py|spin|t.py|4|3\n"
	"sample 40 idle py|run|t.py|8|7 py|sleep|t.py|9|7\n"
	"process 20\nthread 20 MainThread\n"
	"sample 10 py|child|c.py|2|1\n"
	"finish completed 140 0 1\n";

Test(query, pid_tid_state_filters_change_the_total)
{
	int64_t run = apply(threads_run);
	struct query_opts o = QUERY_OPTS_INIT;
	struct query_profile *p = load(run, &o);
	cr_assert_eq(p->total, 140);
	cr_assert_eq(p->nthreads, 3);
	cr_assert_eq(p->threads[0].tid, 10);
	cr_assert_eq(p->threads[1].tid, 11);
	cr_assert_eq(p->threads[1].idle, 40);
	cr_assert_eq(p->threads[1].oncpu, 20);
	cr_assert_str_eq(p->funcs[p->threads[1].top_func].function, "sleep");
	cr_assert_str_eq(p->threads[1].name, "worker");
	query_free(p);

	o.pid = 20;
	p = load(run, &o);
	cr_assert_eq(p->total, 10);
	cr_assert_eq(p->funcs[0].self_pct, 100.0);
	query_free(p);

	o.pid = 0, o.tid = 11;
	p = load(run, &o);
	cr_assert_eq(p->total, 60);
	query_free(p);

	o.tid = 0, o.state = SAMPLE_ONCPU;
	p = load(run, &o);
	cr_assert_eq(p->total, 100);
	cr_assert_eq(func(p, "spin")->self, 90);
	for (size_t i = 0; i < p->nfuncs; i++)
		cr_assert_str_neq(p->funcs[i].function, "sleep", "idle-only frames are not loaded");
	query_free(p);
}

Test(query, substring_filter_keeps_the_denominator)
{
	int64_t run = apply(threads_run);
	struct query_opts o = QUERY_OPTS_INIT;
	struct query_profile *p;

	o.filter = "spin";
	p = load(run, &o);
	cr_assert_eq(p->total, 140);
	cr_assert_eq(p->matched, 90);
	cr_assert_eq(func(p, "spin")->self, 90);
	cr_assert_float_eq(func(p, "spin")->self_pct, 100.0 * 90 / 140, 1e-9);
	cr_assert_eq(func(p, "sleep")->total, 0);
	query_free(p);

	o.filter = "c.py"; /* file names match too */
	p = load(run, &o);
	cr_assert_eq(p->matched, 10);
	query_free(p);
}

Test(query, file_glob_narrows_rows_and_samples)
{
	int64_t run = apply(threads_run);
	struct query_opts o = QUERY_OPTS_INIT;
	struct query_profile *p;

	o.file_glob = "c.*";
	p = load(run, &o);
	cr_assert_eq(p->matched, 10);
	cr_assert_eq(func(p, "child")->shown, 1);
	cr_assert_eq(func(p, "spin")->shown, 0);
	query_free(p);
	o.file_glob = "/nowhere/*.py";
	p = load(run, &o);
	cr_assert_eq(p->matched, 0);
	query_free(p);
}

/* The children of a node, in order. */
static int children(const struct query_tree *t, int node, int *out, int max)
{
	int n = 0;
	for (int c = t->nodes[node].first_child; c >= 0 && n < max; c = t->nodes[c].next_sibling)
		out[n++] = c;
	return n;
}

Test(query, tree_by_function_and_by_frame)
{
	struct query_profile *p = load(apply(two_paths), NULL);
	struct query_tree *t = query_tree_build(p, QUERY_TREE_FUNCTION);
	int kids[8], n;

	cr_assert_eq(t->nodes[0].total, 1000);
	cr_assert_eq(children(t, 0, kids, 8), 1, "main (lines 20 and 21) merged into one node");
	cr_assert_str_eq(p->funcs[t->nodes[kids[0]].func].function, "main");
	n = children(t, kids[0], kids, 8);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(p->funcs[t->nodes[kids[0]].func].function, "a");
	cr_assert_eq(t->nodes[kids[0]].total, 600);
	cr_assert_eq(t->nodes[kids[1]].total, 400);
	cr_assert_eq(children(t, kids[0], kids, 8), 1);
	cr_assert_eq(t->nodes[kids[0]].self, 600);
	cr_assert_eq(t->nodes[kids[0]].depth, 3);
	query_tree_free(t);

	t = query_tree_build(p, QUERY_TREE_FRAME);
	cr_assert_eq(children(t, 0, kids, 8), 2, "by frame, main:20 and main:21 differ");
	cr_assert_eq(query_min_count(p, 50.0), 500);
	cr_assert_eq(query_min_count(p, 0.05), 1);
	query_tree_free(t);
	query_free(p);
}

Test(query, collapsed_stacks_root_first)
{
	int64_t run = apply("run x\nprocess 1\nthread 1\n"
			    "sample 3 py|main|m.py|4|1 py|we;ird|m.py|9|8\n"
			    "sample 2 py|main|m.py|4|1 native|memcpy||0|0|/lib/x86_64-linux-gnu/libc.so.6\n"
			    "finish completed 5 0 1\n");
	struct query_profile *p = load(run, NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_eq(query_write_collapsed(p, f), 0);
	fclose(f);
	cr_assert_str_eq(buf, "main (m.py:4);we:ird (m.py:9) 3\n"
			      "main (m.py:4);memcpy (libc.so.6) 2\n");
	free(buf);
	query_free(p);
}

Test(query, diff_of_two_runs)
{
	int64_t a = apply(two_paths);
	int64_t b = apply("run python3 two.py\nprocess 1\nthread 1\n"
			  "sample 100 py|main|two.py|20|18 py|a|two.py|3|2 py|hot|two.py|7|6\n"
			  "sample 300 py|main|two.py|21|18 py|b|two.py|12|11\n"
			  "finish completed 400 0 1\n");
	struct query_profile *pa = load(a, NULL), *pb = load(b, NULL);
	struct query_diff *d = query_diff_build(pa, pb, QUERY_DIFF_FUNCTIONS);

	/* hot: 100% -> 25% (-75 points); b: 0% -> 75% self (+75). */
	cr_assert_geq(d->nrows, 2);
	cr_assert_float_eq(fabs(d->rows[0].delta_pct), 75.0, 1e-9);
	cr_assert_float_eq(fabs(d->rows[1].delta_pct), 75.0, 1e-9);
	for (size_t i = 0; i < d->nrows; i++)
		if (!strcmp(d->rows[i].function, "hot")) {
			cr_assert_eq(d->rows[i].a_self, 1000);
			cr_assert_eq(d->rows[i].b_self, 100);
		}
	query_diff_free(d);
	d = query_diff_build(pa, pb, QUERY_DIFF_LINES);
	cr_assert_str_eq(d->rows[0].file, "two.py");
	cr_assert_eq(d->rows[0].line == 9 || d->rows[0].line == 12, 1, "line %d", d->rows[0].line);
	query_diff_free(d);
	query_free(pa);
	query_free(pb);
}

/* A small run in a database whose stacks table is mostly another run's is
 * loaded by walking up from its leaves instead of scanning every stack. */
Test(query, small_run_among_big_ones)
{
	struct strbuf big;
	struct query_profile *p;
	int64_t small;

	strbuf_init(&big);
	strbuf_puts(&big, "run python3 big.py\nprocess 1\nthread 1\n");
	for (int i = 0; i < 200; i++)
		strbuf_printf(&big, "sample 1 py|m|b.py|1|1 py|f%d|b.py|%d|2 py|g|b.py|%d|3 py|h|b.py|9|4\n",
			      i, i + 10, i + 20);
	strbuf_puts(&big, "finish completed 200 0 1\n");
	apply(big.buf);
	small = apply("run python3 s.py\nprocess 2\nthread 2\n"
		      "sample 7 py|m|b.py|1|1 py|f3|b.py|13|2 py|g|b.py|23|3 py|h|b.py|9|4\n"
		      "sample 3 py|m|b.py|1|1 py|x|s.py|5|4\n"
		      "finish completed 10 0 1\n");
	p = load(small, NULL);
	cr_assert_eq(p->total, 10);
	cr_assert_eq(p->nfuncs, 5, "only the frames this run sampled: %zu", p->nfuncs);
	cr_assert_eq(func(p, "h")->self, 7);
	cr_assert_eq(func(p, "m")->total, 10);
	cr_assert_eq(p->stacks[0].nframes, 4);
	query_free(p);
	strbuf_done(&big);
}

Test(query, errors_name_the_cause)
{
	struct query_profile *p = NULL;
	char *why = NULL;
	int64_t bench = apply("bench python3 -c pass\n");
	cr_assert_eq(query_load(st, 999, NULL, &p, &why), -ENOENT);
	cr_assert_not_null(strstr(why, "no run 999"), "%s", why);
	free(why);
	why = NULL;
	cr_assert_eq(query_load(st, bench, NULL, &p, &why), -EINVAL);
	cr_assert_not_null(strstr(why, "not a profile"), "%s", why);
	cr_assert_null(p);
	free(why);
}

Test(query, empty_run_has_no_rows)
{
	struct query_profile *p = load(apply("run python3 -c pass\nfinish completed 0 0 0.1\n"), NULL);
	cr_assert_eq(p->total, 0);
	cr_assert_eq(p->nfuncs, 0);
	cr_assert_eq(p->nstacks, 0);
	query_free(p);
}

Test(query, source_lines_with_tabs_expanded)
{
	char *src = xasprintf("%s/s.py", dir);
	FILE *f = fopen(src, "w");
	struct query_sources *s = query_sources_new(dir);

	fputs("def f():\n\tx = 1\r\n\t\treturn x\n", f);
	fclose(f);
	cr_assert_str_eq(query_source_line(s, "s.py", 1), "def f():");
	cr_assert_str_eq(query_source_line(s, "s.py", 2), "        x = 1");
	cr_assert_str_eq(query_source_line(s, src, 3), "                return x");
	cr_assert_null(query_source_line(s, "s.py", 4));
	cr_assert_null(query_source_line(s, "missing.py", 1));
	cr_assert_eq(query_source_count(s, "s.py"), 3);
	cr_assert_eq(query_source_count(s, "missing.py"), -1);
	query_sources_free(s);
	free(src);
}
