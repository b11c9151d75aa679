/* aggregate.c — the sink: interns frames, stacks, threads and processes in
 * memory and writes count deltas to the store in one transaction per flush.
 *
 * Every object gets a dense in-memory index when first seen and a database
 * id when first flushed; a failed flush is rolled back and the ids handed out
 * in it are forgotten, so the next flush writes the same objects again.
 */
#include "config.h"

#include "aggregate.h"
#include "procinfo.h"
#include "query-map.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A growable array of fixed-size elements. */
#define VEC_PUSH(arr, len, cap) \
	((len) == (cap) ? ((cap) = (cap) ? 2 * (cap) : 64, \
			   (arr) = xreallocarray((arr), (cap), sizeof *(arr))) : (arr), \
	 &(arr)[(len)++])

/* --- the objects --------------------------------------------------------- */

struct agg_frame {
	int kind, line, def_line;
	char *function, *file, *module;
	int64_t db_id;
	int same_hash; /* the previous frame with the same content hash, or -1 */
};

struct agg_stack {
	uint32_t parent; /* stack index + 1, 0 at the root */
	uint32_t frame;
	int depth;
	int64_t db_id;
};

struct agg_proc {
	int pid, ppid, exit_code, ended;
	char *command, *python;
	int dirty; /* python version or end to write again */
	int64_t db_id;
};

struct agg_thread {
	uint32_t proc;
	int tid, dirty;
	char *name;
	int64_t db_id;
	uint64_t cpu_ns, cpu_moved_ns; /* cpu check: CPU time seen, and when it last moved */
};

struct agg_count {
	uint32_t thread, stack;
	int state;
	uint64_t delta; /* samples not yet written */
};

struct agg_time {
	uint32_t thread, stack;
	uint64_t t_ns;
};

struct agg_error {
	char *cause;
	uint64_t n;
};

struct hp_sink {
	struct store *st;
	int64_t run;
	int timeline, cpu_check;
	int64_t wall_minus_mono; /* converts sample times to CLOCK_REALTIME */

	struct agg_frame *frames;
	size_t nframes, capframes, flushed_frames;
	struct imap frame_by_key, frame_by_hash; /* by_hash: the newest frame of a hash */

	struct agg_stack *stacks;
	size_t nstacks, capstacks, flushed_stacks;
	struct imap stack_by_edge;

	struct agg_proc *procs;
	size_t nprocs, capprocs, flushed_procs;
	struct imap proc_by_pid;

	struct agg_thread *threads;
	size_t nthreads, capthreads, flushed_threads;
	struct imap thread_by_tid;

	struct agg_count *counts;
	size_t ncounts, capcounts;
	struct imap count_by_key;
	uint32_t *dirty; /* counts with delta > 0 */
	size_t ndirty, capdirty;

	struct agg_time *times;
	size_t ntimes, captimes;

	struct agg_error *errors;
	size_t nerrors, caperrors;

	uint64_t samples, nerr, empty, stalled, flushes, last_flush_ns;
};

struct hp_sink *aggregate_new(struct store *st, int64_t run, int timeline)
{
	struct hp_sink *s = xcalloc(1, sizeof *s);
	s->st = st;
	s->run = run;
	s->timeline = timeline;
	s->wall_minus_mono = (int64_t)hp_wall_ns() - (int64_t)hp_now_ns();
	s->last_flush_ns = hp_now_ns();
	return s;
}

void aggregate_free(struct hp_sink *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nframes; i++) {
		free(s->frames[i].function);
		free(s->frames[i].file);
		free(s->frames[i].module);
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		free(s->procs[i].command);
		free(s->procs[i].python);
	}
	for (size_t i = 0; i < s->nthreads; i++)
		free(s->threads[i].name);
	for (size_t i = 0; i < s->nerrors; i++)
		free(s->errors[i].cause);
	imap_done(&s->frame_by_key);
	imap_done(&s->frame_by_hash);
	imap_done(&s->stack_by_edge);
	imap_done(&s->proc_by_pid);
	imap_done(&s->thread_by_tid);
	imap_done(&s->count_by_key);
	free(s->frames);
	free(s->stacks);
	free(s->procs);
	free(s->threads);
	free(s->counts);
	free(s->dirty);
	free(s->times);
	free(s->errors);
	free(s);
}

/* --- frames -------------------------------------------------------------- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* FNV-1a over the frame's content (strings with their terminators). */
static uint64_t frame_hash(const struct hp_frame *f)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *parts[3] = { nz(f->function), nz(f->file), nz(f->module) };
	int ints[3] = { f->kind, f->line, f->def_line };
	for (int i = 0; i < 3; i++)
		for (const char *p = parts[i];; p++) {
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
			if (!*p)
				break;
		}
	for (int i = 0; i < 3; i++)
		h = (h ^ (uint32_t)ints[i]) * 0x100000001b3ULL;
	return h;
}

static int frame_equal(const struct agg_frame *a, const struct hp_frame *f)
{
	return a->kind == f->kind && a->line == f->line && a->def_line == f->def_line &&
	       strcmp(a->function, nz(f->function)) == 0 && strcmp(a->file, nz(f->file)) == 0 &&
	       strcmp(a->module, nz(f->module)) == 0;
}

/* The index of a frame with this content, adding it when new. */
static uint32_t frame_by_content(struct hp_sink *s, const struct hp_frame *f)
{
	int64_t h = (int64_t)frame_hash(f);
	int head = imap_get(&s->frame_by_hash, h);
	struct agg_frame *nf;

	for (int i = head; i >= 0; i = s->frames[i].same_hash)
		if (frame_equal(&s->frames[i], f))
			return (uint32_t)i;
	nf = VEC_PUSH(s->frames, s->nframes, s->capframes);
	*nf = (struct agg_frame){ .kind = f->kind, .line = f->line, .def_line = f->def_line,
				  .function = xstrdup(f->function ? f->function : "?"),
				  .file = xstrdup(nz(f->file)), .module = xstrdup(nz(f->module)),
				  .same_hash = head };
	imap_put(&s->frame_by_hash, h, (int)(s->nframes - 1));
	return (uint32_t)(s->nframes - 1);
}

/* Cheap check that a key still names the same content (a code object freed
 * and another allocated at its address must not inherit its name). */
static int frame_key_matches(const struct agg_frame *a, const struct hp_frame *f)
{
	return a->kind == f->kind && a->line == f->line && a->def_line == f->def_line &&
	       strcmp(a->function, f->function ? f->function : "?") == 0;
}

static uint32_t frame_get(struct hp_sink *s, const struct hp_frame *f)
{
	int idx;

	if (f->key == 0)
		return frame_by_content(s, f);
	idx = imap_get(&s->frame_by_key, (int64_t)f->key);
	if (idx >= 0 && frame_key_matches(&s->frames[idx], f))
		return (uint32_t)idx;
	idx = (int)frame_by_content(s, f); /* new key, or a key now naming new content */
	imap_put(&s->frame_by_key, (int64_t)f->key, idx);
	return (uint32_t)idx;
}

/* --- stacks, processes, threads, counts ---------------------------------- */

static uint32_t stack_get(struct hp_sink *s, uint32_t parent, uint32_t frame, int depth)
{
	int64_t edge = (int64_t)((uint64_t)parent << 32 | frame);
	int idx = imap_get(&s->stack_by_edge, edge);
	struct agg_stack *ns;

	if (idx >= 0)
		return (uint32_t)idx;
	ns = VEC_PUSH(s->stacks, s->nstacks, s->capstacks);
	*ns = (struct agg_stack){ .parent = parent, .frame = frame, .depth = depth };
	imap_put(&s->stack_by_edge, edge, (int)(s->nstacks - 1));
	return (uint32_t)(s->nstacks - 1);
}

static uint32_t proc_get(struct hp_sink *s, int pid)
{
	int idx = imap_get(&s->proc_by_pid, pid);
	struct agg_proc *p;
	struct procinfo pi;

	if (idx >= 0)
		return (uint32_t)idx;
	p = VEC_PUSH(s->procs, s->nprocs, s->capprocs);
	*p = (struct agg_proc){ .pid = pid, .ppid = 0, .exit_code = INT32_MIN };
	if (procinfo_read(pid, &pi) == 0)
		p->ppid = pi.ppid;
	p->command = procinfo_cmdline(pid);
	imap_put(&s->proc_by_pid, pid, (int)(s->nprocs - 1));
	return (uint32_t)(s->nprocs - 1);
}

void aggregate_process_add(struct hp_sink *s, int pid, int ppid, const char *command)
{
	int known = imap_get(&s->proc_by_pid, pid) >= 0;
	uint32_t idx = proc_get(s, pid); /* may move s->procs */
	struct agg_proc *p = &s->procs[idx];

	if (known)
		return;
	if (ppid >= 0)
		p->ppid = ppid;
	if (command) {
		free(p->command);
		p->command = xstrdup(command);
	}
}

void aggregate_process_set_python(struct hp_sink *s, int pid, const char *version)
{
	uint32_t idx = proc_get(s, pid);
	struct agg_proc *p = &s->procs[idx];
	if (!version || (p->python && strcmp(p->python, version) == 0))
		return;
	free(p->python);
	p->python = xstrdup(version);
	p->dirty = 1;
}

void aggregate_process_exit(struct hp_sink *s, int pid, int exit_code)
{
	uint32_t idx = proc_get(s, pid);
	struct agg_proc *p = &s->procs[idx];
	p->ended = 1;
	p->exit_code = exit_code;
	p->dirty = 1;
}

static uint32_t thread_get(struct hp_sink *s, int pid, int tid, const char *name)
{
	int64_t key = (int64_t)((uint64_t)(uint32_t)pid << 32 | (uint32_t)tid);
	int idx = imap_get(&s->thread_by_tid, key);
	struct agg_thread *t;

	if (idx < 0) {
		uint32_t proc = proc_get(s, pid);
		t = VEC_PUSH(s->threads, s->nthreads, s->capthreads);
		*t = (struct agg_thread){ .proc = proc, .tid = tid };
		idx = (int)(s->nthreads - 1);
		imap_put(&s->thread_by_tid, key, idx);
	}
	t = &s->threads[idx];
	if (name && !t->name) { /* names often come later than the thread */
		t->name = xstrdup(name);
		t->dirty = 1;
	}
	return (uint32_t)idx;
}

static void count_add(struct hp_sink *s, uint32_t thread, uint32_t stack, int state, uint64_t n)
{
	int64_t key = (int64_t)((uint64_t)stack << 32 | (uint64_t)thread << 1 | (state ? 1 : 0));
	int idx = imap_get(&s->count_by_key, key);
	struct agg_count *c;

	if (idx < 0) {
		c = VEC_PUSH(s->counts, s->ncounts, s->capcounts);
		*c = (struct agg_count){ .thread = thread, .stack = stack, .state = state ? 1 : 0 };
		idx = (int)(s->ncounts - 1);
		imap_put(&s->count_by_key, key, idx);
	}
	c = &s->counts[idx];
	if (c->delta == 0)
		*VEC_PUSH(s->dirty, s->ndirty, s->capdirty) = (uint32_t)idx;
	c->delta += n;
}

/* The thread's time on a CPU so far (ns), 0 when unknown. */
static uint64_t thread_cpu_ns(int pid, int tid)
{
	char path[64], buf[96];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/task/%d/schedstat", pid, tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoull(buf, NULL, 10);
}

/* cpu check: a thread that reads as running (state R) but whose CPU time
 * has not moved for AGGREGATE_STALL_NS is waiting for a CPU (preempted on a
 * busy machine); its samples would pile that wait onto one line, so they
 * are dropped.  The kernel updates a running thread's CPU time only at
 * scheduler ticks (every 1-10 ms: HZ 1000 to 100), so a shorter standstill
 * proves nothing. */
static int thread_stalled(struct hp_sink *s, uint32_t thread, const struct hp_sample *smp)
{
	struct agg_thread *t = &s->threads[thread];
	uint64_t cpu = thread_cpu_ns(smp->pid, smp->tid), now = smp->t_ns ? smp->t_ns : hp_now_ns();
	if (cpu == 0 || cpu != t->cpu_ns || t->cpu_moved_ns == 0) {
		t->cpu_ns = cpu;
		t->cpu_moved_ns = now;
		return 0;
	}
	return now - t->cpu_moved_ns > AGGREGATE_STALL_NS;
}

void hp_sink_add(struct hp_sink *s, const struct hp_sample *smp)
{
	uint32_t thread, stack = 0, parent = 0;
	uint64_t weight = smp->weight ? smp->weight : 1;

	if (smp->nframes <= 0) {
		s->empty += weight;
		return;
	}
	thread = thread_get(s, smp->pid, smp->tid, smp->thread_name);
	if (s->cpu_check && smp->state == SAMPLE_ONCPU && thread_stalled(s, thread, smp)) {
		s->stalled += weight;
		return;
	}
	for (int i = smp->nframes - 1, depth = 1; i >= 0; i--, depth++) {
		stack = stack_get(s, parent, frame_get(s, &smp->frames[i]), depth);
		parent = stack + 1;
	}
	count_add(s, thread, stack, smp->state, weight);
	s->samples += weight;
	if (s->timeline) {
		struct agg_time *t = VEC_PUSH(s->times, s->ntimes, s->captimes);
		*t = (struct agg_time){ thread, stack, smp->t_ns ? smp->t_ns : hp_now_ns() };
	}
}

void hp_sink_error(struct hp_sink *s, const char *cause, uint64_t n)
{
	struct agg_error *e;
	if (!cause || !*cause)
		cause = "unknown";
	s->nerr += n;
	for (size_t i = 0; i < s->nerrors; i++)
		if (strcmp(s->errors[i].cause, cause) == 0) {
			s->errors[i].n += n;
			return;
		}
	e = VEC_PUSH(s->errors, s->nerrors, s->caperrors);
	*e = (struct agg_error){ xstrdup(cause), n };
}

/* --- flushing ------------------------------------------------------------ */

/* processes.python_version and an ended process's end (no store_* call
 * takes them: the update is specific to the profiler). */
static int write_proc_update(struct hp_sink *s, const struct agg_proc *p, char **why)
{
	sqlite3_stmt *q;
	int rc;

	if (p->ended && p->exit_code != INT32_MIN &&
	    store_process_finish(s->st, p->db_id, p->exit_code, why) < 0)
		return -EIO;
	q = store_stmt(s->st, "UPDATE processes SET python_version = coalesce(?, python_version),"
		       " ended_ns = CASE WHEN ? THEN coalesce(ended_ns, ?) ELSE ended_ns END"
		       " WHERE id = ?", why);
	if (!q)
		return -EIO;
	if (p->python)
		sqlite3_bind_text(q, 1, p->python, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, p->ended);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)hp_wall_ns());
	sqlite3_bind_int64(q, 4, p->db_id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_error(s->st, "recording a process", why);
}

static int flush_procs(struct hp_sink *s, char **why)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		struct agg_proc *p = &s->procs[i];
		if (i >= s->flushed_procs &&
		    store_process_add(s->st, s->run, p->pid, p->ppid, p->command, &p->db_id, why) < 0)
			return -EIO;
		if ((i >= s->flushed_procs || p->dirty) && (p->python || p->ended) &&
		    write_proc_update(s, p, why) < 0)
			return -EIO;
	}
	return 0;
}

static int flush_threads(struct hp_sink *s, char **why)
{
	for (size_t i = 0; i < s->nthreads; i++) {
		struct agg_thread *t = &s->threads[i];
		if ((i >= s->flushed_threads || t->dirty) &&
		    store_thread_add(s->st, s->procs[t->proc].db_id, t->tid, t->name, &t->db_id, why) < 0)
			return -EIO;
	}
	return 0;
}

static int flush_frames_stacks(struct hp_sink *s, char **why)
{
	for (size_t i = s->flushed_frames; i < s->nframes; i++) {
		struct agg_frame *f = &s->frames[i];
		struct store_frame sf = { f->kind, f->function, f->file, f->line, f->def_line, f->module };
		if (store_frame_intern(s->st, &sf, &f->db_id, why) < 0)
			return -EIO;
	}
	/* Parents come before children (a child is created after its parent). */
	for (size_t i = s->flushed_stacks; i < s->nstacks; i++) {
		struct agg_stack *k = &s->stacks[i];
		int64_t parent = k->parent ? s->stacks[k->parent - 1].db_id : 0;
		if (store_stack_intern(s->st, parent, s->frames[k->frame].db_id, k->depth,
				       &k->db_id, why) < 0)
			return -EIO;
	}
	return 0;
}

static int flush_counts(struct hp_sink *s, char **why)
{
	for (size_t i = 0; i < s->ndirty; i++) {
		struct agg_count *c = &s->counts[s->dirty[i]];
		if (store_samples_add(s->st, s->run, s->threads[c->thread].db_id,
				      s->stacks[c->stack].db_id, c->state, (int64_t)c->delta, why) < 0)
			return -EIO;
	}
	for (size_t i = 0; i < s->ntimes; i++) {
		struct agg_time *t = &s->times[i];
		uint64_t wall = (uint64_t)((int64_t)t->t_ns + s->wall_minus_mono);
		if (store_sample_time_add(s->st, s->run, s->threads[t->thread].db_id,
					  s->stacks[t->stack].db_id, wall, why) < 0)
			return -EIO;
	}
	return 0;
}

/* After a commit: everything written is now known to the database. */
static void flush_done(struct hp_sink *s)
{
	for (size_t i = 0; i < s->ndirty; i++)
		s->counts[s->dirty[i]].delta = 0;
	for (size_t i = 0; i < s->nprocs; i++)
		s->procs[i].dirty = 0;
	for (size_t i = 0; i < s->nthreads; i++)
		s->threads[i].dirty = 0;
	s->ndirty = s->ntimes = 0;
	s->flushed_procs = s->nprocs;
	s->flushed_threads = s->nthreads;
	s->flushed_frames = s->nframes;
	s->flushed_stacks = s->nstacks;
	s->flushes++;
}

static int anything_new(const struct hp_sink *s)
{
	int dirty_proc = 0;
	for (size_t i = 0; i < s->nprocs && !dirty_proc; i++)
		dirty_proc = s->procs[i].dirty;
	return dirty_proc || s->ndirty || s->ntimes || s->nprocs > s->flushed_procs ||
	       s->nthreads > s->flushed_threads;
}

int aggregate_flush(struct hp_sink *s, char **why)
{
	int ret;

	s->last_flush_ns = hp_now_ns();
	if (!anything_new(s))
		return 0;
	if ((ret = store_begin(s->st, why)) < 0)
		return ret;
	if ((ret = flush_procs(s, why)) < 0 || (ret = flush_threads(s, why)) < 0 ||
	    (ret = flush_frames_stacks(s, why)) < 0 || (ret = flush_counts(s, why)) < 0 ||
	    (ret = store_commit(s->st, why)) < 0) {
		/* Ids handed out in the rolled-back transaction are not real;
		 * flushed_* still mark what the next attempt must write again. */
		store_rollback(s->st);
		return ret;
	}
	flush_done(s);
	return 0;
}

int aggregate_tick(struct hp_sink *s, uint64_t now_ns, char **why)
{
	if (now_ns - s->last_flush_ns < AGGREGATE_FLUSH_NS)
		return 0;
	return aggregate_flush(s, why);
}

uint64_t aggregate_samples(const struct hp_sink *s)
{
	return s->samples;
}

uint64_t aggregate_errors(const struct hp_sink *s)
{
	return s->nerr;
}

uint64_t aggregate_empty(const struct hp_sink *s)
{
	return s->empty;
}

void aggregate_set_cpu_check(struct hp_sink *s, int on)
{
	s->cpu_check = on;
}

uint64_t aggregate_stalled(const struct hp_sink *s)
{
	return s->stalled;
}

static int error_cmp(const void *a, const void *b)
{
	const struct agg_error *x = a, *y = b;
	return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->cause, y->cause);
}

void aggregate_each_error(const struct hp_sink *s,
			  void (*fn)(const char *cause, uint64_t n, void *arg), void *arg)
{
	struct agg_error *sorted = xcalloc(s->nerrors ? s->nerrors : 1, sizeof *sorted);
	if (s->nerrors)
		memcpy(sorted, s->errors, s->nerrors * sizeof *sorted);
	qsort(sorted, s->nerrors, sizeof *sorted, error_cmp);
	for (size_t i = 0; i < s->nerrors; i++)
		fn(sorted[i].cause, sorted[i].n, arg);
	free(sorted);
}

void aggregate_get_stats(const struct hp_sink *s, struct aggregate_stats *out)
{
	*out = (struct aggregate_stats){ .frames = s->nframes, .stacks = s->nstacks,
					 .threads = s->nthreads, .processes = s->nprocs,
					 .counts = s->ncounts, .flushes = s->flushes };
}
