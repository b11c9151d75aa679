/* view-fixture.c — profile and benchmark runs with a known truth, written
 * through the real store API, for the viewer's unit tests (test-view-models)
 * and view-mkdb (the tmux tests and benchmarks/viewer-startup.sh). */
#include "config.h"

#include "view-fixture.h"

#include "stats.h"
#include "store-bench.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct store *st;

/* The fixtures cannot go on after a store error: say it and stop. */
static void check(int ret, char *why)
{
	if (ret < 0)
		hp_die(HP_EXIT_FAIL, "%s", why ? why : "store error");
}

static int64_t new_run(const char *kind, const char *command)
{
	struct store_run_info info = { .kind = kind, .command = command, .sampler = "python",
				       .rate_hz = 100, .mode = "cpu", .python_version = "3.12.1" };
	char *why = NULL;
	int64_t id;

	check(store_run_create(st, &info, &id, &why), why);
	return id;
}

static int64_t new_thread(int64_t run, int pid, int tid, const char *name)
{
	char *why = NULL;
	int64_t proc, th;

	check(store_process_add(st, run, pid, 1, "python3 hot.py", &proc, &why), why);
	check(store_thread_add(st, proc, tid, name, &th, &why), why);
	return th;
}

/* Intern a stack of Python frames "func:line" root first, def lines given. */
static int64_t stack_of(const char *file, int n, const char *const *funcs, const int *lines,
			const int *defs)
{
	int64_t parent = 0, frame;
	char *why = NULL;

	for (int i = 0; i < n; i++) {
		struct store_frame f = { .kind = FRAME_PYTHON, .function = funcs[i], .file = file,
					 .line = lines[i], .def_line = defs[i], .module = "" };
		check(store_frame_intern(st, &f, &frame, &why), why);
		check(store_stack_intern(st, parent, frame, i, &parent, &why), why);
	}
	return parent;
}

static void add(int64_t run, int64_t thread, int64_t stack, int64_t count)
{
	char *why = NULL;
	check(store_samples_add(st, run, thread, stack, SAMPLE_ONCPU, count, &why), why);
}

/* A profile of hot.py: hot_loop's HOT line (9) gets `hot` samples. */
int64_t view_fixture_hot(struct store *s, const char *file, int64_t hot, int64_t cold)
{
	static const char *const f3[] = { "<module>", "main", "hot_loop" };
	static const char *const c3[] = { "<module>", "main", "cold" };
	static const int d3[] = { 1, 17, 6 }, dc[] = { 1, 17, 13 };
	char *why = NULL, *cmd = xasprintf("python3 %s", file);
	int64_t run, th;

	st = s;
	run = new_run("profile", cmd);
	th = new_thread(run, 4242, 4242, "MainThread");

	check(store_begin(st, &why), why);
	add(run, th, stack_of(file, 3, f3, (const int[]){ 25, 21, 9 }, d3), hot);
	add(run, th, stack_of(file, 3, f3, (const int[]){ 25, 21, 8 }, d3), hot / 10);
	add(run, th, stack_of(file, 3, c3, (const int[]){ 25, 22, 14 }, dc), cold);
	check(store_commit(st, &why), why);
	check(store_run_finish(st, run, "completed", 0, hot + hot / 10 + cold, 0, &why), why);
	free(cmd);
	return run;
}

/* Intern one frame and push it on `parent`. */
static int64_t push(int64_t parent, int depth, int kind, const char *func, const char *file,
		    int line, const char *module)
{
	struct store_frame f = { .kind = kind, .function = func, .file = file, .line = line,
				 .def_line = line > 3 ? line - 3 : 1, .module = module };
	int64_t frame, stack;
	char *why = NULL;

	check(store_frame_intern(st, &f, &frame, &why), why);
	check(store_stack_intern(st, parent, frame, depth, &stack, &why), why);
	return stack;
}

int64_t view_fixture_mixed(struct store *store)
{
	const char *py = "mixed.py";
	char *why = NULL;
	int64_t run, main_th, worker, mod, compute, w;

	st = store;
	run = new_run("profile", "python3 mixed.py");
	main_th = new_thread(run, 7000, 7000, "MainThread");
	worker = new_thread(run, 7000, 7001, "worker");
	check(store_begin(st, &why), why);
	mod = push(0, 0, FRAME_PYTHON, "<module>", py, 30, "");
	compute = push(mod, 1, FRAME_PYTHON, "compute", py, 5, "");
	add(run, main_th, push(compute, 2, FRAME_NATIVE, "dot_kernel", "", 0, "/usr/lib/libfoo.so"), 600);
	compute = push(mod, 1, FRAME_PYTHON, "compute", py, 6, "");
	add(run, main_th, push(compute, 2, FRAME_KERNEL, "sys_read", "", 0, "[kernel]"), 100);
	add(run, main_th, push(mod, 1, FRAME_PYTHON, "compute", py, 7, ""), 300);
	w = push(0, 0, FRAME_PYTHON, "worker_main", py, 20, "");
	add(run, worker, push(w, 1, FRAME_PYTHON, "crunch", py, 24, ""), 500);
	check(store_commit(st, &why), why);
	check(store_run_finish(st, run, "completed", 0, 1500, 0, &why), why);
	return run;
}

/* A benchmark of `n` values around `mean` seconds (1% noise), 2 warm-ups. */
int64_t view_fixture_bench(struct store *s, const char *command, double mean, uint64_t seed)
{
	struct stats_rng rng;
	char *why = NULL;
	int64_t run;

	st = s;
	run = new_run("bench", command);
	stats_rng_seed(&rng, seed);
	check(store_begin(st, &why), why);
	for (int i = 0; i < 22; i++) {
		double v = mean * (1 + 0.01 * stats_rng_normal(&rng)) * (i < 2 ? 1.3 : 1);
		struct bench_value b = { .seq = i, .warmup = i < 2, .loops = 1, .value = v,
					 .wall_ns = (int64_t)(v * 1e9), .user_ns = (int64_t)(v * 9e8),
					 .sys_ns = (int64_t)(v * 1e8), .max_rss_kb = 9000,
					 .exit_status = 0 };
		check(store_bench_value_add(st, run, &b, &why), why);
	}
	check(store_commit(st, &why), why);
	check(store_run_finish(st, run, "completed", 0, 20, 0, &why), why);
	return run;
}

/* SAMPLES samples over ~20000 stacks of 60 functions in 6 files, 4 threads. */
int64_t view_fixture_big(struct store *store, int64_t samples)
{
	static const char *const files[] = { "app/main.py", "app/io.py", "app/model.py",
					     "app/util.py", "lib/json.py", "lib/re.py" };
	char *why = NULL, names[60][24];
	const char *funcs[16];
	int lines[16], defs[16];
	struct stats_rng rng;
	int64_t run, th[4], left = samples;

	st = store;
	run = new_run("profile", "python3 app/main.py --big");
	for (int i = 0; i < 60; i++)
		snprintf(names[i], sizeof names[i], "func_%02d", i);
	for (int t = 0; t < 4; t++)
		th[t] = new_thread(run, 5000, 5000 + t, t ? "worker" : "MainThread");
	stats_rng_seed(&rng, 1);
	check(store_begin(st, &why), why);
	for (int s = 0; left > 0; s++) {
		int depth = 3 + (int)stats_rng_below(&rng, 12);
		int64_t count = 1 + (int64_t)stats_rng_below(&rng, 99), stack;
		for (int d = 0; d < depth; d++) {
			int f = d == 0 ? 0 : (int)stats_rng_below(&rng, 60);
			funcs[d] = names[f];
			defs[d] = 10 * f + 1;
			lines[d] = defs[d] + 1 + (int)stats_rng_below(&rng, 8);
		}
		stack = stack_of(files[stats_rng_below(&rng, 6)], depth, funcs, lines, defs);
		add(run, th[s % 4], stack, count < left ? count : left);
		left -= count;
	}
	check(store_commit(st, &why), why);
	check(store_run_finish(st, run, "completed", 0, samples, 0, &why), why);
	return run;
}

