/* sampler.c — the "python" sampling backend: on each tick, one pyproc
 * snapshot per process, filtered by mode (cpu: threads the kernel shows
 * running; wall: every thread, idle ones marked) and --gil, optionally with
 * every thread paused by ptrace around the read (--blocking). */
#include "config.h"

#include "python/pyproc.h"

#include "procmaps.h"
#include "sampler.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

struct pyproc_entry {
	int pid;
	int gone;
	struct pyproc *pp;
};

struct sampler {
	struct sampler_opts opts;
	struct pyproc_entry *procs;
	size_t n, cap;
	/* Scheduler states of the threads of the process being sampled. */
	struct { int tid; char state; } *states;
	size_t nstates, capstates;
	int cur_pid;
	/* --blocking: threads paused for this read, with a signal to give back. */
	struct { int tid, sig; } *paused;
	size_t npaused, cappaused;
};

static int py_open(const struct sampler_opts *opts, struct sampler **out, char **why)
{
	struct sampler *s = xcalloc(1, sizeof *s);
	(void)why;
	s->opts = *opts;
	*out = s;
	return 0;
}

static struct pyproc_entry *find_proc(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static int py_add_process(struct sampler *s, int pid, char **why)
{
	struct pyproc *pp;
	int e;

	if (find_proc(s, pid))
		return 0;
	if ((e = pyproc_open(pid, &pp, why)) < 0)
		return e;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 4;
		s->procs = xreallocarray(s->procs, s->cap, sizeof *s->procs);
	}
	s->procs[s->n++] = (struct pyproc_entry){ .pid = pid, .pp = pp };
	return 0;
}

static void py_remove_process(struct sampler *s, int pid)
{
	struct pyproc_entry *p = find_proc(s, pid);

	if (!p)
		return;
	pyproc_close(p->pp);
	*p = s->procs[--s->n];
}

/* The state letter of a thread, read once per sample. */
static char thread_state(struct sampler *s, int tid)
{
	for (size_t i = 0; i < s->nstates; i++)
		if (s->states[i].tid == tid)
			return s->states[i].state;
	if (s->nstates == s->capstates) {
		s->capstates = s->capstates ? 2 * s->capstates : 16;
		s->states = xreallocarray(s->states, s->capstates, sizeof *s->states);
	}
	s->states[s->nstates].tid = tid;
	s->states[s->nstates].state = procmaps_task_state(s->cur_pid, tid);
	return s->states[s->nstates++].state;
}

/* cpu mode: read the frames of running threads only. */
static int want_running(int tid, void *arg)
{
	return thread_state(arg, tid) == 'R';
}

/* ---- --blocking: pause every thread of the process around the read ---- */

/* Wait for `tid`'s next ptrace stop and consume it; -1 when the next event is
 * its exit instead.  That event is left queued (WNOWAIT): under `hprof run`
 * the main thread is also our child, and its exit status is the session's
 * to reap, not ours. */
static int wait_stop(int tid, int *st)
{
	siginfo_t si;
	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)tid, &si, WSTOPPED | WEXITED | __WALL | WNOWAIT) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (si.si_code != CLD_TRAPPED && si.si_code != CLD_STOPPED)
			return -1;
		return waitpid(tid, st, __WALL) == tid ? 0 : -1;
	}
}

static void pause_thread(struct sampler *s, int tid)
{
	int st, sig = 0;

	if (ptrace(PTRACE_SEIZE, tid, NULL, NULL) < 0)
		return;
	if (ptrace(PTRACE_INTERRUPT, tid, NULL, NULL) < 0 || wait_stop(tid, &st) < 0 ||
	    !WIFSTOPPED(st)) {
		ptrace(PTRACE_DETACH, tid, NULL, NULL);
		return;
	}
	/* A signal-delivery stop (not our interrupt): give the signal back. */
	if ((st >> 16) == 0 && WSTOPSIG(st) != SIGTRAP)
		sig = WSTOPSIG(st);
	if (s->npaused == s->cappaused) {
		s->cappaused = s->cappaused ? 2 * s->cappaused : 16;
		s->paused = xreallocarray(s->paused, s->cappaused, sizeof *s->paused);
	}
	s->paused[s->npaused].tid = tid;
	s->paused[s->npaused++].sig = sig;
}

static void pause_all(struct sampler *s, int pid)
{
	char path[64];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof path, "/proc/%d/task", pid);
	if (!(d = opendir(path)))
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		/* What it was doing before we stop it (a stopped thread reads 't').
		 * cpu mode reads running threads only, so only those are stopped:
		 * stopping a sleeping thread wakes it for a moment afterwards. */
		if (thread_state(s, atoi(de->d_name)) == 'R' || s->opts.mode == SAMPLER_MODE_WALL)
			pause_thread(s, atoi(de->d_name));
	}
	closedir(d);
}

static void resume_all(struct sampler *s)
{
	for (size_t i = 0; i < s->npaused; i++)
		ptrace(PTRACE_DETACH, s->paused[i].tid, NULL,
		       (void *)(uintptr_t)s->paused[i].sig);
	s->npaused = 0;
}

/* ---- one tick ---- */

static int sample_state(struct sampler *s, const struct py_thread *t)
{
	if (s->opts.mode != SAMPLER_MODE_WALL)
		return SAMPLE_ONCPU;
	return thread_state(s, t->tid) == 'R' ? SAMPLE_ONCPU : SAMPLE_IDLE;
}

static void emit(struct sampler *s, struct hp_sink *sink, int pid, const struct py_snapshot *snap)
{
	for (int i = 0; i < snap->nthreads; i++) {
		const struct py_thread *t = &snap->threads[i];
		struct hp_sample smp;
		if (t->error) {
			hp_sink_error(sink, "torn read", 1);
			continue;
		}
		if (t->nframes == 0)
			continue; /* cpu mode left it out, or no Python code on it */
		smp = (struct hp_sample){
			.pid = pid, .tid = t->tid, .thread_name = t->name,
			.state = sample_state(s, t), .nframes = t->nframes, .frames = t->frames,
			.t_ns = snap->t_ns, .weight = 1,
		};
		hp_sink_add(sink, &smp);
	}
}

static void collect_one(struct sampler *s, struct pyproc_entry *p, struct hp_sink *sink)
{
	struct pyproc_sample_opts o = { .gil_only = s->opts.gil_only };
	const struct py_snapshot *snap;
	char *why = NULL;
	int e;

	s->cur_pid = p->pid;
	s->nstates = 0;
	if (s->opts.mode != SAMPLER_MODE_WALL) {
		o.want = want_running;
		o.want_arg = s;
	}
	if (s->opts.blocking)
		pause_all(s, p->pid);
	e = pyproc_sample(p->pp, &o, &snap, &why);
	if (s->opts.blocking)
		resume_all(s);
	if (e == -ESTALE)
		hp_sink_error(sink, "torn thread list", 1);
	else if (e == -ESRCH || e == -EPERM)
		p->gone = 1;
	else if (e == 0)
		emit(s, sink, p->pid, snap);
	free(why);
}

static int py_collect(struct sampler *s, struct hp_sink *sink, char **why)
{
	(void)why;
	for (size_t i = 0; i < s->n; i++)
		if (!s->procs[i].gone)
			collect_one(s, &s->procs[i], sink);
	return 0;
}

static const char *py_describe(struct sampler *s, int pid)
{
	struct pyproc_entry *p = find_proc(s, pid);
	return p ? pyproc_describe(p->pp) : NULL;
}

static void py_close(struct sampler *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		pyproc_close(s->procs[i].pp);
	free(s->procs);
	free(s->states);
	free(s->paused);
	free(s);
}

const struct sampler_ops python_sampler_ops = {
	.name = "python",
	.open = py_open,
	.add_process = py_add_process,
	.remove_process = py_remove_process,
	.collect = py_collect,
	.pollfds = NULL,
	.describe = py_describe,
	.close = py_close,
};
