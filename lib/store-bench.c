/* store-bench.c — bench_values rows and run details for hpbench. */
#include "config.h"

#include "store-bench.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void bind_opt(sqlite3_stmt *s, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, v);
}

int store_bench_value_add(struct store *st, int64_t run, const struct bench_value *v, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO bench_values (run, seq, process, warmup, loops, value, wall_ns,"
		" user_ns, sys_ns, max_rss_kb, exit_status) VALUES (?,?,?,?,?,?,?,?,?,?,?)", why);
	if (!s)
		return -EIO;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int64(s, 2, v->seq);
	sqlite3_bind_int(s, 3, v->process);
	sqlite3_bind_int(s, 4, v->warmup);
	sqlite3_bind_int64(s, 5, v->loops);
	sqlite3_bind_double(s, 6, v->value);
	bind_opt(s, 7, v->wall_ns);
	bind_opt(s, 8, v->user_ns);
	bind_opt(s, 9, v->sys_ns);
	bind_opt(s, 10, v->max_rss_kb);
	bind_opt(s, 11, v->exit_status);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_error(st, "saving a benchmark value", why);
	return 0;
}

static int64_t col_opt(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, i);
}

static void row_to_value(sqlite3_stmt *s, struct bench_value *v)
{
	v->seq = sqlite3_column_int64(s, 0);
	v->process = sqlite3_column_int(s, 1);
	v->warmup = sqlite3_column_int(s, 2);
	v->loops = sqlite3_column_int64(s, 3);
	v->value = sqlite3_column_double(s, 4);
	v->wall_ns = col_opt(s, 5);
	v->user_ns = col_opt(s, 6);
	v->sys_ns = col_opt(s, 7);
	v->max_rss_kb = col_opt(s, 8);
	v->exit_status = (int)col_opt(s, 9);
}

int store_bench_values_load(struct store *st, int64_t run, int with_warmups,
			    struct bench_value **out, size_t *n, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT seq, process, warmup, loops, value, wall_ns, user_ns, sys_ns, max_rss_kb,"
		" exit_status FROM bench_values WHERE run = ?1 AND (?2 OR warmup = 0)"
		" ORDER BY seq", why);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!s)
		return -EIO;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int(s, 2, with_warmups);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		row_to_value(s, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(st, "reading benchmark values", why);
	}
	return 0;
}

static char *col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int store_bench_run_get(struct store *st, int64_t id, struct bench_run *r, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT name, command, status, hostname, kernel, cpu_model, python_version,"
		" coalesce(cpu_count, 0), started_ns, coalesce(ended_ns, 0), exit_code"
		" FROM runs WHERE id = ?", why);
	int rc;
	memset(r, 0, sizeof(*r));
	if (!s)
		return -EIO;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return hp_fail(why, -ENOENT, "run %lld does not exist", (long long)id);
	if (rc != SQLITE_ROW)
		return store_error(st, "reading the run", why);
	r->id = id;
	r->name = col_str(s, 0);
	r->command = col_str(s, 1);
	r->status = col_str(s, 2);
	r->hostname = col_str(s, 3);
	r->kernel = col_str(s, 4);
	r->cpu_model = col_str(s, 5);
	r->python_version = col_str(s, 6);
	r->cpu_count = sqlite3_column_int(s, 7);
	r->started_ns = sqlite3_column_int64(s, 8);
	r->ended_ns = sqlite3_column_int64(s, 9);
	r->exit_code = sqlite3_column_type(s, 10) == SQLITE_NULL ? INT32_MIN
								  : sqlite3_column_int(s, 10);
	sqlite3_reset(s);
	return 0;
}

void store_bench_run_done(struct bench_run *r)
{
	free(r->name);
	free(r->command);
	free(r->status);
	free(r->hostname);
	free(r->kernel);
	free(r->cpu_model);
	free(r->python_version);
	memset(r, 0, sizeof(*r));
}

int store_bench_meta_each(struct store *st, int64_t run,
			  int (*fn)(const char *key, const char *value, void *arg), void *arg,
			  char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT key, coalesce(value, '') FROM run_meta WHERE run = ? ORDER BY key", why);
	int rc;
	if (!s)
		return -EIO;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, run);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn((const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1), arg))
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_error(st, "reading run metadata", why);
	return 0;
}

int store_bench_resolve(struct store *st, const char *spec, int64_t *id, char **why)
{
	int rc = store_run_resolve(st, spec, "bench", id, NULL);
	if (rc == -ENOENT)
		return hp_fail(why, rc, "no benchmark run '%s' in %s; 'hpbench list' shows them",
			       spec, store_path(st));
	if (rc)
		return store_run_resolve(st, spec, "bench", id, why);
	return 0;
}

int store_bench_profile_of(struct store *st, int64_t bench_run, int64_t *profile, char **why)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT id FROM runs WHERE parent_run = ? AND "
				     "kind = 'profile' ORDER BY id DESC LIMIT 1", why);
	int rc;

	if (!q)
		return -EIO;
	sqlite3_bind_int64(q, 1, bench_run);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*profile = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_error(st, "reading the linked profile", why);
	return hp_fail(why, -ENOENT, "benchmark run %lld has no profile: measure it with "
		       "'hpbench run --profile'", (long long)bench_run);
}
