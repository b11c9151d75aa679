/* test-store.c — the store: schema, interning, runs, concurrency, bad files. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/hpstore.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

static struct store *open_rw(void)
{
	struct store *st = NULL;
	char *why = NULL;
	int ret = store_open(path, 0, &st, &why);
	cr_assert_eq(ret, 0, "store_open: %s", why ? why : "");
	return st;
}

static int64_t new_run(struct store *st, const char *kind, const char *name)
{
	struct store_run_info info = { .kind = kind, .name = name, .command = "python3 x.py" };
	int64_t id = 0;
	cr_assert_eq(store_run_create(st, &info, &id, NULL), 0);
	return id;
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, fresh_file_gets_latest_schema_and_wal)
{
	struct store *st = open_rw();
	sqlite3_stmt *s;
	cr_assert_eq(sqlite3_prepare_v2(store_db(st), "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(s, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(s);
	cr_assert_eq(sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	cr_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	store_close(st);
}

Test(store, frames_and_stacks_are_interned)
{
	struct store *st = open_rw();
	struct store_frame a = { FRAME_PYTHON, "f", "x.py", 3, 1, "" };
	struct store_frame b = { FRAME_PYTHON, "f", "x.py", 4, 1, "" };
	int64_t fa, fa2, fb, s1, s2, s3;
	cr_assert_eq(store_frame_intern(st, &a, &fa, NULL), 0);
	cr_assert_eq(store_frame_intern(st, &a, &fa2, NULL), 0);
	cr_assert_eq(store_frame_intern(st, &b, &fb, NULL), 0);
	cr_assert_eq(fa, fa2);
	cr_assert_neq(fa, fb);
	cr_assert_eq(store_stack_intern(st, 0, fa, 1, &s1, NULL), 0);
	cr_assert_eq(store_stack_intern(st, s1, fb, 2, &s2, NULL), 0);
	cr_assert_eq(store_stack_intern(st, 0, fa, 1, &s3, NULL), 0);
	cr_assert_eq(s1, s3);
	cr_assert_neq(s1, s2);
	store_close(st);
}

struct count_arg { int n; int64_t last_samples; char kind[16]; };

static int count_row(const struct store_run_row *r, void *arg)
{
	struct count_arg *c = arg;
	if (c->n++ == 0) {
		c->last_samples = r->samples;
		snprintf(c->kind, sizeof c->kind, "%s", r->kind);
	}
	return 0;
}

Test(store, samples_add_up_and_runs_list_newest_first)
{
	struct store *st = open_rw();
	struct store_frame a = { FRAME_NATIVE, "main", "w.c", 10, 5, "/bin/w" };
	int64_t run, proc, thr, fr, stk, latest;
	struct count_arg c = { 0 };
	new_run(st, "bench", "old");
	run = new_run(st, "profile", NULL);
	cr_assert_eq(store_process_add(st, run, 42, 1, "w", &proc, NULL), 0);
	cr_assert_eq(store_thread_add(st, proc, 42, "w", &thr, NULL), 0);
	cr_assert_eq(store_frame_intern(st, &a, &fr, NULL), 0);
	cr_assert_eq(store_stack_intern(st, 0, fr, 1, &stk, NULL), 0);
	cr_assert_eq(store_begin(st, NULL), 0);
	for (int i = 0; i < 5; i++)
		cr_assert_eq(store_samples_add(st, run, thr, stk, SAMPLE_ONCPU, 3, NULL), 0);
	cr_assert_eq(store_commit(st, NULL), 0);
	cr_assert_eq(store_run_finish(st, run, "completed", 0, 15, 0, NULL), 0);
	cr_assert_eq(store_runs_each(st, count_row, &c, NULL), 0);
	cr_assert_eq(c.n, 2);
	cr_assert_eq(c.last_samples, 15);
	cr_assert_str_eq(c.kind, "profile");
	cr_assert_eq(store_run_latest(st, "bench", &latest, NULL), 0);
	cr_assert_neq(latest, run);
	store_close(st);
}

Test(store, runs_resolve_by_id_and_by_newest_name)
{
	struct store *st = open_rw();
	int64_t a = new_run(st, "bench", "fast"), b = new_run(st, "bench", "fast"), got;
	char *why = NULL;
	cr_assert_eq(store_run_resolve(st, "fast", NULL, &got, NULL), 0);
	cr_assert_eq(got, b);
	char *spec = xasprintf("%lld", (long long)a);
	cr_assert_eq(store_run_resolve(st, spec, NULL, &got, NULL), 0);
	cr_assert_eq(got, a);
	free(spec);
	cr_assert_eq(store_run_resolve(st, "nosuch", NULL, &got, &why), -ENOENT);
	cr_assert_not_null(strstr(why, "nosuch"));
	free(why);
	store_close(st);
}

Test(store, metadata_round_trips)
{
	struct store *st = open_rw();
	int64_t run = new_run(st, "bench", NULL);
	char *v;
	cr_assert_eq(store_run_meta_set(st, run, "governor", "performance", NULL), 0);
	v = store_run_meta_get(st, run, "governor");
	cr_assert_str_eq(v, "performance");
	free(v);
	cr_assert_null(store_run_meta_get(st, run, "nothing"));
	store_close(st);
}

Test(store, a_file_that_is_not_a_database_is_a_clear_error)
{
	struct store *st = NULL;
	char *why = NULL;
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 200; i++)
		fputs("this is not an SQLite file at all\n", f);
	fclose(f);
	cr_assert_eq(store_open(path, 0, &st, &why), -EINVAL);
	cr_assert_null(st);
	cr_assert_not_null(why);
	cr_assert_not_null(strstr(why, "not an hprof database"), "message: %s", why);
	free(why);
	why = NULL;
	cr_assert_eq(store_open(path, STORE_READONLY, &st, &why), -EINVAL);
	free(why);
}

Test(store, readonly_open_of_a_missing_file_says_so)
{
	struct store *st = NULL;
	char *why = NULL;
	cr_assert_eq(store_open(path, STORE_READONLY, &st, &why), -ENOENT);
	cr_assert_not_null(strstr(why, "no database"));
	free(why);
}

Test(store, newer_schema_is_refused)
{
	struct store *st = open_rw();
	char *why = NULL;
	cr_assert_eq(store_exec(st, "PRAGMA user_version = 999", NULL), 0);
	store_close(st);
	cr_assert_eq(store_open(path, 0, &st, &why), -EINVAL);
	cr_assert_not_null(strstr(why, "newer"), "message: %s", why);
	free(why);
}

/* Each writer process adds `n` samples one small transaction at a time. */
static void writer(int64_t run, int64_t thr, int64_t stk, int n)
{
	struct store *st = NULL;
	char *why = NULL;
	if (store_open(path, 0, &st, &why) < 0)
		_exit(3);
	for (int i = 0; i < n; i++) {
		if (store_begin(st, &why) < 0 ||
		    store_samples_add(st, run, thr, stk, SAMPLE_ONCPU, 1, &why) < 0 ||
		    store_commit(st, &why) < 0)
			_exit(4);
	}
	store_close(st);
	_exit(0);
}

Test(store, two_processes_writing_at_once_lose_nothing)
{
	struct store *st = open_rw();
	struct store_frame a = { FRAME_PYTHON, "f", "x.py", 1, 1, "" };
	int64_t run = new_run(st, "profile", NULL), proc, thr, fr, stk;
	pid_t kids[2];
	int status;
	sqlite3_stmt *s;
	cr_assert_eq(store_process_add(st, run, 1, 0, "x", &proc, NULL), 0);
	cr_assert_eq(store_thread_add(st, proc, 1, NULL, &thr, NULL), 0);
	cr_assert_eq(store_frame_intern(st, &a, &fr, NULL), 0);
	cr_assert_eq(store_stack_intern(st, 0, fr, 1, &stk, NULL), 0);
	store_close(st);
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		cr_assert_geq(kids[k], 0);
		if (kids[k] == 0)
			writer(run, thr, stk, 300);
	}
	for (int k = 0; k < 2; k++) {
		cr_assert_eq(waitpid(kids[k], &status, 0), kids[k]);
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed: %d", k, status);
	}
	st = open_rw();
	cr_assert_eq(sqlite3_prepare_v2(store_db(st), "SELECT count FROM samples", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(s, 0), 600);
	sqlite3_finalize(s);
	store_close(st);
}
