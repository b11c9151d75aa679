/* test-aggregate.c — the sink writes what it was given into a real SQLite
 * file: interned frames and stacks (a trie), counts per (thread, stack,
 * state) accumulated across flushes, processes and threads, time series,
 * error causes, and no loss when a flush fails. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "store.h"
#include "util.h"

static char dir[64];
static char path[128];
static struct store *st;
static int64_t run;

static void setup(void)
{
	struct store_run_info info = { .kind = "profile", .command = "test" };
	snprintf(dir, sizeof dir, "/tmp/hpagg.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	cr_assert_eq(store_open(path, 0, &st, NULL), 0);
	cr_assert_eq(store_run_create(st, &info, &run, NULL), 0);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf %s", dir);
	store_close(st);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

TestSuite(aggregate, .init = setup, .fini = teardown);

/* One integer from a query on a second connection (what a reader sees). */
static long long q1(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static struct hp_frame pyf(const char *fn, int line, uint64_t key)
{
	return (struct hp_frame){ .kind = FRAME_PYTHON, .function = fn, .file = "w.py",
				  .line = line, .def_line = 1, .key = key };
}

/* Add `n` samples of the stack main:10 -> f:line (leaf last in the list). */
static void add(struct hp_sink *k, int tid, const char *fn, int line, int state, uint64_t n)
{
	struct hp_frame fr[2] = { pyf(fn, line, 0), pyf("main", 10, 0) };
	struct hp_sample s = { .pid = getpid(), .tid = tid, .thread_name = NULL, .state = state,
			       .nframes = 2, .frames = fr, .t_ns = hp_now_ns(), .weight = 0 };
	for (uint64_t i = 0; i < n; i++)
		hp_sink_add(k, &s);
}

Test(aggregate, frames_and_stacks_form_a_trie_with_exact_counts)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 70);
	add(k, getpid(), "g", 30, SAMPLE_ONCPU, 30);
	add(k, getpid(), "g", 30, SAMPLE_IDLE, 5);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(aggregate_samples(k), 105);
	cr_assert_eq(q1("SELECT count(*) FROM frames"), 3);
	/* main is shared: one root, two leaves under it. */
	cr_assert_eq(q1("SELECT count(*) FROM stacks"), 3);
	cr_assert_eq(q1("SELECT count(*) FROM stacks WHERE parent = 0"), 1);
	cr_assert_eq(q1("SELECT count(*) FROM stacks s JOIN stacks p ON s.parent = p.id"
			" JOIN frames f ON p.frame = f.id WHERE f.function = 'main' AND s.depth = 2"), 2);
	cr_assert_eq(q1("SELECT sum(count) FROM samples s JOIN stacks k ON s.stack = k.id"
			" JOIN frames f ON k.frame = f.id WHERE f.function = 'f'"), 70);
	cr_assert_eq(q1("SELECT count FROM samples s JOIN stacks k ON s.stack = k.id"
			" JOIN frames f ON k.frame = f.id WHERE f.function = 'g' AND state = 1"), 5);
	cr_assert_eq(q1("SELECT sum(count) FROM samples"), 105);
	aggregate_free(k);
}

Test(aggregate, second_flush_adds_only_the_new_counts)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 10);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 7);
	add(k, getpid(), "h", 40, SAMPLE_ONCPU, 2);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(aggregate_flush(k, NULL), 0); /* nothing new: nothing added */
	cr_assert_eq(q1("SELECT sum(count) FROM samples"), 19);
	cr_assert_eq(q1("SELECT count(*) FROM samples"), 2);
	cr_assert_eq(q1("SELECT count(*) FROM frames"), 3);
	aggregate_free(k);
}

Test(aggregate, keyed_and_unkeyed_frames_of_one_content_are_one_row)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_frame a[1] = { pyf("f", 5, 0xabc) }, b[1] = { pyf("f", 5, 0) };
	struct hp_sample s = { .pid = getpid(), .tid = getpid(), .nframes = 1, .frames = a };
	hp_sink_add(k, &s);
	s.frames = b;
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM frames"), 1);
	cr_assert_eq(q1("SELECT count(*) FROM stacks"), 1);
	cr_assert_eq(q1("SELECT sum(count) FROM samples"), 2);
	aggregate_free(k);
}

Test(aggregate, a_reused_key_with_new_content_is_a_new_frame)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_frame a[1] = { pyf("old", 5, 42) }, b[1] = { pyf("new", 5, 42) };
	struct hp_sample s = { .pid = getpid(), .tid = getpid(), .nframes = 1, .frames = a };
	hp_sink_add(k, &s);
	s.frames = b;
	hp_sink_add(k, &s);
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM frames"), 2);
	cr_assert_eq(q1("SELECT sum(count) FROM samples s JOIN stacks k ON s.stack = k.id"
			" JOIN frames f ON k.frame = f.id WHERE f.function = 'new'"), 2);
	aggregate_free(k);
}

Test(aggregate, native_frames_keep_module_and_a_deep_stack_keeps_its_depth)
{
	enum { DEPTH = 300 };
	struct hp_frame fr[DEPTH + 1];
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_sample s = { .pid = getpid(), .tid = getpid(), .nframes = DEPTH + 1, .frames = fr };
	for (int i = 0; i < DEPTH; i++)
		fr[i] = pyf("rec", 7, 0);
	fr[DEPTH] = (struct hp_frame){ .kind = FRAME_NATIVE, .function = "start", .file = "",
				       .module = "/lib/libc.so.6", .ip = 0x1234 };
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT max(depth) FROM stacks"), DEPTH + 1);
	cr_assert_eq(q1("SELECT count(*) FROM stacks"), DEPTH + 1);
	cr_assert_eq(q1("SELECT count(*) FROM frames WHERE module = '/lib/libc.so.6' AND kind = 1"), 1);
	aggregate_free(k);
}

Test(aggregate, processes_and_threads_are_registered_once_with_names)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_frame fr[1] = { pyf("f", 1, 0) };
	struct hp_sample s = { .pid = getpid(), .tid = getpid(), .nframes = 1, .frames = fr };
	char sql[256], *cmd;
	size_t len;

	hp_sink_add(k, &s); /* first seen in a sample: described from /proc */
	s.tid = getpid() + 100000;
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	s.thread_name = "worker";
	hp_sink_add(k, &s); /* the name arrives later */
	aggregate_process_set_python(k, getpid(), "3.12.1");
	aggregate_process_exit(k, getpid(), 3);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	snprintf(sql, sizeof sql, "SELECT ppid FROM processes WHERE pid = %d", getpid());
	cr_assert_eq(q1(sql), getppid());
	/* The command line as /proc shows it (criterion renames its workers). */
	cmd = hp_read_file("/proc/self/cmdline", &len);
	cr_assert_not_null(cmd);
	while (len > 0 && cmd[len - 1] == '\0')
		len--;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM processes WHERE length(command) = %zu"
		 " AND command LIKE '%%%.20s%%'", len, cmd);
	cr_assert_eq(q1(sql), 1, "%s", sql);
	free(cmd);
	cr_assert_eq(q1("SELECT count(*) FROM processes WHERE python_version = '3.12.1'"
			" AND exit_code = 3 AND ended_ns > 0"), 1);
	cr_assert_eq(q1("SELECT count(*) FROM threads"), 2);
	cr_assert_eq(q1("SELECT count(*) FROM threads WHERE name = 'worker'"), 1);
	aggregate_free(k);
}

Test(aggregate, explicit_process_registration_keeps_the_given_command)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_frame fr[1] = { pyf("f", 1, 0) };
	struct hp_sample s = { .pid = 1, .tid = 1, .nframes = 1, .frames = fr };
	aggregate_process_add(k, 1, 0, "init-like");
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM processes WHERE pid = 1 AND command = 'init-like'"), 1);
	aggregate_free(k);
}

Test(aggregate, timeline_has_one_realtime_row_per_sample)
{
	struct hp_sink *k = aggregate_new(st, run, 1);
	long long now_s = (long long)(hp_wall_ns() / 1000000000ULL), t;
	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 12);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM sample_times"), 12);
	t = q1("SELECT min(t_ns) / 1000000000 FROM sample_times");
	cr_assert(t >= now_s - 2 && t <= now_s + 2, "t=%lld now=%lld", t, now_s);
	aggregate_free(k);
}

static void collect_cause(const char *cause, uint64_t n, void *arg)
{
	char *buf = arg;
	char item[64];
	snprintf(item, sizeof item, "%s=%llu;", cause, (unsigned long long)n);
	strcat(buf, item);
}

Test(aggregate, error_causes_are_counted_most_frequent_first)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	char buf[256] = "";
	hp_sink_error(k, "torn-read", 2);
	hp_sink_error(k, "lost", 5);
	hp_sink_error(k, "torn-read", 1);
	hp_sink_error(k, NULL, 1);
	cr_assert_eq(aggregate_errors(k), 9);
	aggregate_each_error(k, collect_cause, buf);
	cr_assert_str_eq(buf, "lost=5;torn-read=3;unknown=1;");
	aggregate_free(k);
}

Test(aggregate, empty_stacks_are_counted_apart_not_stored)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	struct hp_sample s = { .pid = getpid(), .tid = getpid(), .nframes = 0 };
	hp_sink_add(k, &s);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(aggregate_empty(k), 1);
	cr_assert_eq(aggregate_samples(k), 0);
	cr_assert_eq(q1("SELECT count(*) FROM samples"), 0);
	aggregate_free(k);
}

Test(aggregate, a_failed_flush_loses_nothing)
{
	struct hp_sink *k = aggregate_new(st, run, 1);
	sqlite3 *other;
	char *why = NULL;

	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 4);
	/* Another connection holds the write lock: our flush must fail, fast. */
	sqlite3_busy_timeout(store_db(st), 50);
	cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_lt(aggregate_flush(k, &why), 0);
	cr_assert_not_null(why);
	free(why);
	add(k, getpid(), "g", 21, SAMPLE_ONCPU, 3);
	cr_assert_eq(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	cr_assert_eq(aggregate_flush(k, NULL), 0);
	cr_assert_eq(q1("SELECT sum(count) FROM samples"), 7);
	cr_assert_eq(q1("SELECT count(*) FROM sample_times"), 7);
	cr_assert_eq(q1("SELECT count(*) FROM frames"), 3);
	cr_assert_eq(q1("SELECT count(*) FROM processes"), 1);
	aggregate_free(k);
}

Test(aggregate, tick_flushes_only_after_the_interval)
{
	struct hp_sink *k = aggregate_new(st, run, 0);
	uint64_t t0 = hp_now_ns();
	add(k, getpid(), "f", 20, SAMPLE_ONCPU, 1);
	cr_assert_eq(aggregate_tick(k, t0, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM samples"), 0);
	cr_assert_eq(aggregate_tick(k, t0 + AGGREGATE_FLUSH_NS + 1, NULL), 0);
	cr_assert_eq(q1("SELECT count(*) FROM samples"), 1);
	aggregate_free(k);
}
