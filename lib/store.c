/* store.c — opening, migrating and writing the shared SQLite database. */
#include "config.h"

#include "store.h"
#include "schema.h"
#include "hostinfo.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	struct cached_stmt *stmts;
	size_t nstmts, capstmts;
};

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_error(struct store *st, const char *what, char **why)
{
	int code = sqlite3_errcode(st->db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return hp_fail(why, -EBUSY, "%s: database %s is locked by another program "
			       "(waited 10 s); try again when it is done", what, st->path);
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		return hp_fail(why, -EINVAL, "%s: %s is not an hprof database or is damaged (%s); "
			       "choose another file with --db", what, st->path, sqlite3_errmsg(st->db));
	if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
		return hp_fail(why, -EACCES, "%s: cannot write %s (%s); check its permissions "
			       "or choose another file with --db", what, st->path, sqlite3_errmsg(st->db));
	if (code == SQLITE_FULL)
		return hp_fail(why, -ENOSPC, "%s: disk full writing %s; free some space", what, st->path);
	return hp_fail(why, -EIO, "%s: %s: %s", what, st->path, sqlite3_errmsg(st->db));
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **why)
{
	sqlite3_stmt *stmt;
	for (size_t i = 0; i < st->nstmts; i++)
		if (st->stmts[i].sql == sql || strcmp(st->stmts[i].sql, sql) == 0) {
			sqlite3_reset(st->stmts[i].stmt);
			sqlite3_clear_bindings(st->stmts[i].stmt);
			return st->stmts[i].stmt;
		}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		store_error(st, "preparing a query", why);
		return NULL;
	}
	if (st->nstmts == st->capstmts) {
		st->capstmts = st->capstmts ? 2 * st->capstmts : 32;
		st->stmts = xreallocarray(st->stmts, st->capstmts, sizeof *st->stmts);
	}
	st->stmts[st->nstmts++] = (struct cached_stmt){ sql, stmt };
	return stmt;
}

int store_exec(struct store *st, const char *sql, char **why)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		return store_error(st, "updating the database", why);
	}
	return 0;
}

int store_begin(struct store *st, char **why)
{
	return store_exec(st, "BEGIN IMMEDIATE", why);
}

int store_commit(struct store *st, char **why)
{
	return store_exec(st, "COMMIT", why);
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Read PRAGMA user_version; -1 on error (e.g. not a database). */
static int schema_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Apply every migration newer than the file's version, in one transaction. */
static int migrate(struct store *st, char **why)
{
	int v, ret;
	char *sql;

	if ((ret = store_begin(st, why)) < 0)
		return ret;
	v = schema_version(st);
	if (v < 0) {
		ret = store_error(st, "reading the schema version", why);
		goto fail;
	}
	if (v > schema_latest()) {
		ret = hp_fail(why, -EINVAL, "%s has schema version %d, newer than this %s knows (%d); "
			      "upgrade hprof or choose another --db", st->path, v, PACKAGE_NAME,
			      schema_latest());
		goto fail;
	}
	for (; v < schema_latest(); v++) {
		if ((ret = store_exec(st, schema_migration(v), why)) < 0)
			goto fail;
		sql = xasprintf("PRAGMA user_version = %d", v + 1);
		ret = store_exec(st, sql, why);
		free(sql);
		if (ret < 0)
			goto fail;
	}
	return store_commit(st, why);
fail:
	store_rollback(st);
	return ret;
}

static int configure_connection(struct store *st, int readonly, char **why)
{
	sqlite3_busy_timeout(st->db, 10000);
	/* A file that is not a database fails here, on the first read. */
	if (schema_version(st) < 0)
		return store_error(st, "opening the database", why);
	if (!readonly && store_exec(st, "PRAGMA journal_mode = WAL", why) < 0)
		return -EIO;
	if (store_exec(st, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", why) < 0)
		return -EIO;
	return 0;
}

int store_open(const char *path, int flags, struct store **out, char **why)
{
	int readonly = flags & STORE_READONLY;
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	struct store *st = xcalloc(1, sizeof *st);
	int ret;

	st->path = xstrdup(path);
	if (readonly && access(path, F_OK) != 0) {
		ret = hp_fail(why, -ENOENT, "no database at %s: record a run first "
			      "(hprof run ...) or name one with --db", path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		ret = store_error(st, "opening the database", why);
		goto fail;
	}
	if ((ret = configure_connection(st, readonly, why)) < 0)
		goto fail;
	if (!readonly && (ret = migrate(st, why)) < 0)
		goto fail;
	if (readonly && schema_version(st) != schema_latest() && schema_version(st) != 0) {
		ret = hp_fail(why, -EINVAL, "%s has schema version %d, this %s reads %d; "
			      "open it once read-write (e.g. 'hprof list') to migrate it",
			      path, schema_version(st), PACKAGE_NAME, schema_latest());
		goto fail;
	}
	*out = st;
	return 0;
fail:
	store_close(st);
	return ret;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	free(st->stmts);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* Step a statement that returns no row; 0 or an error. */
static int step_done(struct store *st, sqlite3_stmt *s, const char *what, char **why)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_error(st, what, why);
	return 0;
}

/* Step a statement whose first column is an id (RETURNING id / SELECT id). */
static int step_id(struct store *st, sqlite3_stmt *s, int64_t *id, const char *what, char **why)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		while (sqlite3_step(s) == SQLITE_ROW)
			;
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return hp_fail(why, -ENOENT, "%s: no such row", what);
	return store_error(st, what, why);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

int store_run_create(struct store *st, const struct store_run_info *in, int64_t *id, char **why)
{
	static const char sql[] =
		"INSERT INTO runs (kind, name, command, cwd, pid, started_ns, sampler, rate_hz, mode,"
		" settings, python_version, parent_run, hostname, kernel, cpu_model, cpu_count)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
	struct hostinfo h;
	char cwd[PATH_MAX];
	sqlite3_stmt *s = store_stmt(st, sql, why);

	if (!s)
		return -EIO;
	hostinfo_get(&h);
	bind_text(s, 1, in->kind);
	bind_text(s, 2, in->name);
	bind_text(s, 3, in->command ? in->command : "");
	bind_text(s, 4, in->cwd ? in->cwd : getcwd(cwd, sizeof cwd));
	sqlite3_bind_int(s, 5, in->pid);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)hp_wall_ns());
	bind_text(s, 7, in->sampler);
	sqlite3_bind_double(s, 8, in->rate_hz);
	bind_text(s, 9, in->mode);
	bind_text(s, 10, in->settings);
	bind_text(s, 11, in->python_version);
	if (in->parent_run > 0)
		sqlite3_bind_int64(s, 12, in->parent_run);
	bind_text(s, 13, h.hostname);
	bind_text(s, 14, h.kernel);
	bind_text(s, 15, h.cpu_model);
	sqlite3_bind_int(s, 16, h.cpu_count);
	return step_id(st, s, id, "recording a new run", why);
}

int store_run_finish(struct store *st, int64_t id, const char *status, int exit_code,
		     int64_t samples, int64_t errors, char **why)
{
	static const char sql[] =
		"UPDATE runs SET ended_ns = ?, status = ?, exit_code = ?, samples = ?, errors = ?"
		" WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql, why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)hp_wall_ns());
	bind_text(s, 2, status);
	if (exit_code == INT32_MIN)
		sqlite3_bind_null(s, 3);
	else
		sqlite3_bind_int(s, 3, exit_code);
	sqlite3_bind_int64(s, 4, samples);
	sqlite3_bind_int64(s, 5, errors);
	sqlite3_bind_int64(s, 6, id);
	return step_done(st, s, "finishing the run", why);
}

int store_run_set_pid(struct store *st, int64_t id, int pid, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE runs SET pid = ? WHERE id = ?", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int(s, 1, pid);
	sqlite3_bind_int64(s, 2, id);
	return step_done(st, s, "recording the run's pid", why);
}

int store_run_set_python(struct store *st, int64_t id, const char *version, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE runs SET python_version = ? WHERE id = ?", why);
	if (!s)
		return -EIO;
	bind_text(s, 1, version);
	sqlite3_bind_int64(s, 2, id);
	return step_done(st, s, "recording the Python version", why);
}

int store_run_meta_set(struct store *st, int64_t run, const char *key, const char *value, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT OR REPLACE INTO run_meta (run, key, value)"
				     " VALUES (?, ?, ?)", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, key);
	bind_text(s, 3, value);
	return step_done(st, s, "recording run metadata", why);
}

char *store_run_meta_get(struct store *st, int64_t run, const char *key)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT value FROM run_meta WHERE run = ? AND key = ?", NULL);
	char *v = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, key);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return v;
}

int store_run_latest(struct store *st, const char *kind, int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM runs WHERE ?1 IS NULL OR kind = ?1"
				     " ORDER BY id DESC LIMIT 1", why);
	int ret;
	if (!s)
		return -EIO;
	bind_text(s, 1, kind);
	ret = step_id(st, s, id, "finding the latest run", why);
	if (ret == -ENOENT)
		return hp_fail(why, -ENOENT, "%s holds no %s run yet; record one first", st->path,
			       kind ? kind : "");
	return ret;
}

int store_run_resolve(struct store *st, const char *spec, const char *kind, int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM runs WHERE (id = ?1 OR name = ?2)"
				     " AND (?3 IS NULL OR kind = ?3)"
				     " ORDER BY (id = ?1) DESC, id DESC LIMIT 1", why);
	long n = 0;
	int ret;
	if (!s)
		return -EIO;
	if (hp_parse_long(spec, 1, LONG_MAX, &n) < 0)
		n = -1;
	sqlite3_bind_int64(s, 1, n);
	bind_text(s, 2, spec);
	bind_text(s, 3, kind);
	ret = step_id(st, s, id, "finding the run", why);
	if (ret == -ENOENT)
		return hp_fail(why, -ENOENT, "no %s%srun '%s' in %s; 'hprof list' shows the runs",
			       kind ? kind : "", kind ? " " : "", spec, st->path);
	return ret;
}

int store_run_delete(struct store *st, int64_t id, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM runs WHERE id = ?", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, id);
	return step_done(st, s, "deleting the run", why);
}

int store_process_add(struct store *st, int64_t run, int pid, int ppid, const char *command,
		      int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO processes (run, pid, ppid, command, started_ns) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT (run, pid) DO UPDATE SET command = coalesce(excluded.command, command)"
		" RETURNING id", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int(s, 2, pid);
	sqlite3_bind_int(s, 3, ppid);
	bind_text(s, 4, command);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)hp_wall_ns());
	return step_id(st, s, id, "recording a process", why);
}

int store_process_finish(struct store *st, int64_t id, int exit_code, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE processes SET ended_ns = ?, exit_code = ?"
				     " WHERE id = ?", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)hp_wall_ns());
	sqlite3_bind_int(s, 2, exit_code);
	sqlite3_bind_int64(s, 3, id);
	return step_done(st, s, "recording a process's end", why);
}

int store_thread_add(struct store *st, int64_t process, int tid, const char *name,
		     int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO threads (process, tid, name) VALUES (?, ?, ?)"
		" ON CONFLICT (process, tid) DO UPDATE SET name = coalesce(excluded.name, name)"
		" RETURNING id", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, process);
	sqlite3_bind_int(s, 2, tid);
	bind_text(s, 3, name);
	return step_id(st, s, id, "recording a thread", why);
}

int store_frame_intern(struct store *st, const struct store_frame *f, int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO frames (kind, function, file, line, def_line, module)"
		" VALUES (?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (kind, function, file, line, def_line, module)"
		" DO UPDATE SET kind = excluded.kind RETURNING id", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int(s, 1, f->kind);
	bind_text(s, 2, f->function ? f->function : "?");
	bind_text(s, 3, f->file ? f->file : "");
	sqlite3_bind_int(s, 4, f->line);
	sqlite3_bind_int(s, 5, f->def_line);
	bind_text(s, 6, f->module ? f->module : "");
	return step_id(st, s, id, "recording a frame", why);
}

int store_stack_intern(struct store *st, int64_t parent, int64_t frame, int depth,
		       int64_t *id, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO stacks (parent, frame, depth) VALUES (?, ?, ?)"
		" ON CONFLICT (parent, frame) DO UPDATE SET depth = excluded.depth RETURNING id", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, parent);
	sqlite3_bind_int64(s, 2, frame);
	sqlite3_bind_int(s, 3, depth);
	return step_id(st, s, id, "recording a stack", why);
}

int store_samples_add(struct store *st, int64_t run, int64_t thread, int64_t stack, int state,
		      int64_t count, char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO samples (run, thread, stack, state, count) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT (run, thread, stack, state) DO UPDATE SET count = count + excluded.count",
		why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int64(s, 2, thread);
	sqlite3_bind_int64(s, 3, stack);
	sqlite3_bind_int(s, 4, state);
	sqlite3_bind_int64(s, 5, count);
	return step_done(st, s, "recording samples", why);
}

int store_sample_time_add(struct store *st, int64_t run, int64_t thread, int64_t stack,
			  uint64_t t_ns, char **why)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO sample_times (run, thread, stack, t_ns)"
				     " VALUES (?, ?, ?, ?)", why);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int64(s, 2, thread);
	sqlite3_bind_int64(s, 3, stack);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)t_ns);
	return step_done(st, s, "recording a sample time", why);
}

static void fill_run_row(sqlite3_stmt *s, struct store_run_row *r)
{
	const char *t;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	snprintf(r->kind, sizeof r->kind, "%s", (const char *)sqlite3_column_text(s, 1));
	t = (const char *)sqlite3_column_text(s, 2);
	snprintf(r->status, sizeof r->status, "%s", t ? t : "");
	t = (const char *)sqlite3_column_text(s, 3);
	snprintf(r->name, sizeof r->name, "%s", t ? t : "");
	t = (const char *)sqlite3_column_text(s, 4);
	r->command = (char *)(t ? t : "");
	r->started_ns = sqlite3_column_int64(s, 5);
	r->ended_ns = sqlite3_column_int64(s, 6);
	r->samples = sqlite3_column_int64(s, 7);
	r->pid = sqlite3_column_int(s, 8);
	r->exit_code = sqlite3_column_type(s, 9) == SQLITE_NULL ? INT32_MIN : sqlite3_column_int(s, 9);
}

int store_runs_each(struct store *st, int (*fn)(const struct store_run_row *, void *), void *arg,
		    char **why)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, kind, status, name, command, started_ns, ended_ns,"
		" CASE kind WHEN 'bench' THEN (SELECT count(*) FROM bench_values b"
		"   WHERE b.run = runs.id AND NOT b.warmup)"
		"  ELSE (SELECT coalesce(sum(count), 0) FROM samples s WHERE s.run = runs.id) END,"
		" pid, exit_code FROM runs ORDER BY id DESC", why);
	struct store_run_row row;
	int rc;
	if (!s)
		return -EIO;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fill_run_row(s, &row);
		if (fn(&row, arg))
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "listing runs", why);
	return 0;
}
