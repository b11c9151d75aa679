/* store.h — the SQLite database every program shares (runs, profiles, benchmarks).
 *
 * Schema (version STORE_SCHEMA_VERSION, see lib/schema.c for the exact SQL):
 *   runs(id, kind 'profile'|'bench', name, command, cwd, pid, started_ns, ended_ns,
 *        status 'running'|'completed'|'interrupted'|'target-exited'|'detached'|'failed',
 *        exit_code, sampler, rate_hz, mode, settings, samples, errors, hostname, kernel,
 *        cpu_model, cpu_count, python_version, parent_run)
 *   run_meta(run, key, value)                    free-form metadata per run
 *   processes(id, run, pid, ppid, command, python_version, started_ns, ended_ns, exit_code)
 *   threads(id, process, tid, name)
 *   frames(id, kind 0 python|1 native|2 kernel, function, file, line, def_line, module)
 *                                                 interned; line 0 = unknown
 *   stacks(id, parent 0=root, frame, depth)       a trie: a stack id names root..leaf
 *   samples(run, thread, stack, state 0 on-cpu|1 idle, count)   aggregated counts
 *   sample_times(run, thread, stack, t_ns)        optional time series (--timeline)
 *   bench_values(id, run, seq, process, warmup, loops, value, wall_ns, user_ns,
 *                sys_ns, max_rss_kb, exit_status)  every raw benchmark value;
 *                value = seconds per loop
 * Timestamps are CLOCK_REALTIME nanoseconds.  WAL mode, 10 s busy timeout, so
 * hprof and hpbench can write the same file at once.
 */
#ifndef HP_STORE_H
#define HP_STORE_H

#include <stdint.h>
#include <sqlite3.h>

#define STORE_SCHEMA_VERSION 1

enum store_frame_kind { FRAME_PYTHON = 0, FRAME_NATIVE = 1, FRAME_KERNEL = 2 };
enum store_sample_state { SAMPLE_ONCPU = 0, SAMPLE_IDLE = 1 };

struct store;

enum { STORE_READONLY = 1 }; /* open flags; default: read-write, create */

/* Open (creating and migrating as needed).  Errors: -ENOENT (readonly, no file),
 * -EINVAL (not a database / newer schema), -EACCES, -EIO; *why says which. */
int store_open(const char *path, int flags, struct store **out, char **why);
void store_close(struct store *st);
sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);

/* A cached prepared statement for `sql` (finalized at close).  Reset before use. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **why);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int store_begin(struct store *st, char **why);
int store_commit(struct store *st, char **why);
void store_rollback(struct store *st);

/* Run an SQL statement with no result rows (no parameters). */
int store_exec(struct store *st, const char *sql, char **why);

/* Fill *why from the last sqlite error; returns -EIO (or -EBUSY when locked). */
int store_error(struct store *st, const char *what, char **why);

struct store_run_info {
	const char *kind;     /* "profile" or "bench" */
	const char *name;     /* optional */
	const char *command;  /* joined argv */
	const char *cwd;      /* NULL: current directory */
	int pid;
	const char *sampler;  /* "python", "perf", ... (profile runs) */
	double rate_hz;
	const char *mode;     /* "cpu" / "wall" */
	const char *settings; /* free text: options used */
	const char *python_version;
	int64_t parent_run;   /* 0: none */
};

/* Insert a run (status 'running', host metadata filled in); commits itself. */
int store_run_create(struct store *st, const struct store_run_info *info, int64_t *id, char **why);
/* Mark a run ended: status, the command's exit code, totals; commits itself. */
int store_run_finish(struct store *st, int64_t id, const char *status, int exit_code,
		     int64_t samples, int64_t errors, char **why);
int store_run_set_pid(struct store *st, int64_t id, int pid, char **why);
int store_run_set_python(struct store *st, int64_t id, const char *version, char **why);
int store_run_meta_set(struct store *st, int64_t run, const char *key, const char *value, char **why);
/* Returns a new string or NULL when unset. */
char *store_run_meta_get(struct store *st, int64_t run, const char *key);

/* Newest run of `kind` (NULL: any kind).  -ENOENT when there is none. */
int store_run_latest(struct store *st, const char *kind, int64_t *id, char **why);
/* A run named by id, or by --name (the newest of that name); kind may be NULL. */
int store_run_resolve(struct store *st, const char *spec, const char *kind, int64_t *id, char **why);
int store_run_delete(struct store *st, int64_t id, char **why);

/* Processes and threads of a run; return existing rows when already there. */
int store_process_add(struct store *st, int64_t run, int pid, int ppid, const char *command,
		      int64_t *id, char **why);
int store_process_finish(struct store *st, int64_t id, int exit_code, char **why);
int store_thread_add(struct store *st, int64_t process, int tid, const char *name,
		     int64_t *id, char **why);

struct store_frame {
	int kind;             /* enum store_frame_kind */
	const char *function; /* qualified name where known */
	const char *file;     /* source file, or "" */
	int line;             /* current line, 0 if unknown */
	int def_line;         /* first line of the function, 0 if unknown */
	const char *module;   /* native: the ELF file (library); python: "" */
};

/* Interning: the same content gives the same id. */
int store_frame_intern(struct store *st, const struct store_frame *f, int64_t *id, char **why);
int store_stack_intern(struct store *st, int64_t parent, int64_t frame, int depth,
		       int64_t *id, char **why);
/* samples.count += count for (run, thread, stack, state). */
int store_samples_add(struct store *st, int64_t run, int64_t thread, int64_t stack, int state,
		      int64_t count, char **why);
int store_sample_time_add(struct store *st, int64_t run, int64_t thread, int64_t stack,
			  uint64_t t_ns, char **why);

/* One row of `hprof list`. */
struct store_run_row {
	int64_t id;
	char kind[16];
	char status[24];
	char name[64];
	char *command;
	int64_t started_ns, ended_ns;
	int64_t samples;   /* profile: samples; bench: values */
	int pid;
	int exit_code;     /* INT32_MIN when unknown */
};
/* Calls fn for each run, newest first; stops when fn returns non-zero. */
int store_runs_each(struct store *st, int (*fn)(const struct store_run_row *, void *), void *arg,
		    char **why);

#endif
