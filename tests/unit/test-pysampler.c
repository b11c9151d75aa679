/* test-pysampler.c — the "python" backend through its sampler_ops, into the
 * real aggregator and a real store, against a real CPython: a thread named
 * "spinner" spins, the main thread sleeps.  cpu mode must give every sample
 * to the spinner, wall mode one per thread per tick with the sleeper idle,
 * --gil the spinner only, and --blocking the same as cpu mode while leaving
 * the target running afterwards. */
#include "config.h"

#include "aggregate.h"
#include "procmaps.h"
#include "python/pyproc.h"
#include "store.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TICKS 200

static const char workload[] =
	"import sys, threading, time\n"
	"def spin():\n"
	"    with open('/proc/self/task/%d/comm' % threading.get_native_id(), 'w') as f:\n"
	"        f.write('spinner')\n"
	"    open(sys.argv[1], 'w').close()\n"
	"    x = 0\n"
	"    while True: x += 1\n"
	"threading.Thread(target=spin, daemon=True).start()\n"
	"time.sleep(1000)\n";

static char tmpdir[64];
static pid_t target;

static const char *a_python(void)
{
	static char path[512];
	glob_t g;
	const char *root = getenv("PYENV_ROOT");

	snprintf(path, sizeof path, "%s/versions/3.1[0-3].*/bin/python3", root ? root : "/root/.pyenv");
	if (glob(path, 0, NULL, &g) == 0) {
		snprintf(path, sizeof path, "%s", g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
		return path;
	}
	return access("/usr/bin/python3.11", X_OK) == 0 ? "/usr/bin/python3.11" : NULL;
}

static void start_target(void)
{
	const char *py = a_python();
	char ready[128];

	if (!py)
		cr_skip_test("no CPython 3.10-3.13 installed");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/pysampler.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(ready, sizeof ready, "%s/ready", tmpdir);
	target = fork();
	if (target == 0) {
		execl(py, py, "-c", workload, ready, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && access(ready, F_OK) != 0; i++)
		usleep(100000);
	cr_assert_eq(access(ready, F_OK), 0, "%s did not start", py);
	usleep(200000);
}

static void stop_target(void)
{
	char cmd[128];
	if (target > 0) {
		kill(target, SIGKILL);
		waitpid(target, NULL, 0);
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (tmpdir[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

struct counts {
	long spinner_cpu, spinner_idle, other_cpu, other_idle, errors;
};

static int add_row(void *arg, int ncol, char **val, char **name)
{
	struct counts *c = arg;
	int spinner = val[0] && strcmp(val[0], "spinner") == 0;
	long n = atol(val[2]);
	(void)ncol;
	(void)name;
	if (atoi(val[1]) == SAMPLE_IDLE)
		*(spinner ? &c->spinner_idle : &c->other_idle) += n;
	else
		*(spinner ? &c->spinner_cpu : &c->other_cpu) += n;
	return 0;
}

/* Run the backend for TICKS collects with these options; count by thread. */
static struct counts run_backend(struct sampler_opts o)
{
	char db[128], *why = NULL;
	struct store *st;
	struct sampler *s;
	struct hp_sink *sink;
	struct counts c = { 0 };
	int64_t run;
	struct store_run_info info = { .kind = "profile", .command = "test", .sampler = "python" };

	snprintf(db, sizeof db, "%s/t%d%d%d.db", tmpdir, o.mode, o.gil_only, o.blocking);
	cr_assert_eq(store_open(db, 0, &st, &why), 0, "%s", why);
	cr_assert_eq(store_run_create(st, &info, &run, &why), 0, "%s", why);
	sink = aggregate_new(st, run, 0);
	cr_assert_eq(python_sampler_ops.open(&o, &s, &why), 0);
	cr_assert_eq(python_sampler_ops.add_process(s, target, &why), 0, "%s", why);
	cr_assert_not_null(python_sampler_ops.describe(s, target));
	for (int i = 0; i < TICKS; i++) {
		cr_assert_eq(python_sampler_ops.collect(s, sink, &why), 0);
		usleep(1000);
	}
	python_sampler_ops.close(s);
	cr_assert_eq(aggregate_flush(sink, &why), 0, "%s", why);
	c.errors = (long)aggregate_errors(sink);
	cr_assert_eq(sqlite3_exec(store_db(st),
				  "SELECT t.name, s.state, SUM(s.count) FROM samples s "
				  "JOIN threads t ON t.id = s.thread GROUP BY t.name, s.state",
				  add_row, &c, NULL), SQLITE_OK);
	aggregate_free(sink);
	store_close(st);
	free(why);
	return c;
}

TestSuite(pysampler, .init = start_target, .fini = stop_target, .timeout = 60);

Test(pysampler, cpu_mode_only_the_running_thread)
{
	struct counts c = run_backend((struct sampler_opts){ .mode = SAMPLER_MODE_CPU });
	cr_expect_eq(c.spinner_cpu + c.errors, TICKS, "spinner %ld + errors %ld", c.spinner_cpu,
		     c.errors);
	cr_expect_eq(c.other_cpu + c.other_idle + c.spinner_idle, 0);
}

Test(pysampler, wall_mode_every_thread_idle_marked)
{
	struct counts c = run_backend((struct sampler_opts){ .mode = SAMPLER_MODE_WALL });
	cr_expect_eq(c.spinner_cpu + c.spinner_idle + c.other_idle + c.errors, 2 * TICKS);
	cr_expect_geq(c.other_idle, TICKS - c.errors, "sleeper idle %ld", c.other_idle);
	cr_expect_eq(c.other_cpu, 0);
	cr_expect_geq(c.spinner_cpu, TICKS - c.errors);
}

Test(pysampler, gil_only_the_holder)
{
	struct counts c = run_backend((struct sampler_opts){ .mode = SAMPLER_MODE_WALL, .gil_only = 1 });
	cr_expect_eq(c.spinner_cpu + c.errors, TICKS);
	cr_expect_eq(c.other_cpu + c.other_idle, 0);
}

Test(pysampler, blocking_pauses_and_resumes)
{
	struct counts c = run_backend((struct sampler_opts){ .mode = SAMPLER_MODE_CPU, .blocking = 1 });
	char path[64];
	glob_t g;
	cr_expect_eq(c.spinner_cpu, TICKS, "a paused target reads whole: no torn reads");
	cr_expect_eq(c.errors, 0);
	cr_expect_eq(c.other_cpu + c.other_idle, 0);
	/* Unharmed: no thread left stopped, the spinner still runs. */
	usleep(100000);
	snprintf(path, sizeof path, "/proc/%d/task/*", target);
	cr_assert_eq(glob(path, 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		int tid = atoi(strrchr(g.gl_pathv[i], '/') + 1);
		char st = procmaps_task_state(target, tid);
		cr_expect(st != 't' && st != 'T', "thread %d left in state %c", tid, st);
	}
	globfree(&g);
}

/* Stop `py` right at its exec (PTRACE_TRACEME): nothing of the interpreter
 * is set up yet, so pyproc_open must say -EAGAIN (retry), and succeed once
 * the process has run on. */
static void open_before_init(const char *py)
{
	struct pyproc *pp;
	char *why = NULL;
	int st, e = -EAGAIN;
	pid_t pid = fork();

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execl(py, py, "-c", "import time; time.sleep(30)", (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFSTOPPED(st), "%s did not stop at exec", py);
	cr_expect_eq(pyproc_open(pid, &pp, &why), -EAGAIN, "%s: %s", py, why ? why : "opened");
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	for (int i = 0; i < 100 && e == -EAGAIN; i++) {
		usleep(20000);
		e = pyproc_open(pid, &pp, &why);
	}
	cr_expect_eq(e, 0, "%s after start: %s", py, why);
	if (e == 0)
		pyproc_close(pp);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	free(why);
}

Test(pyopen, eagain_until_initialised, .timeout = 30)
{
	const char *shared = a_python();
	int tested = 0;

	if (shared && strncmp(shared, "/usr/bin/", 9) != 0) {
		open_before_init(shared);
		tested++;
	}
	if (access("/usr/bin/python3.11", X_OK) == 0) {
		open_before_init("/usr/bin/python3.11"); /* libpython linked in */
		tested++;
	}
	if (!tested)
		cr_skip_test("no CPython 3.10-3.13 installed");
}
