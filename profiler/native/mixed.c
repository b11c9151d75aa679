/* mixed.c — the mixed sampler: Python frames and the native stack as one.
 *
 * Every thread of the target is stopped (ptrace-core), its native stack
 * unwound and, while it is still stopped, the interpreter's frames read
 * (pyproc): both describe the same instant.  Each eval-loop native frame is
 * then replaced by the Python frames that C call runs, so one stack reads
 * main (app.py:12) -> compress (app.py:5) -> zlib_compress -> deflate (libz).
 * When the two do not fit together the Python stack is kept whole and the
 * mismatch counted: the run never fails for it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "ptrace-core.h"
#include "python/pyproc.h"
#include "symbols.h"
#include "util.h"

struct mixed_proc {
	int pid;
	struct pyproc *pp;
	const struct py_snapshot *snap; /* read in this round, or NULL */
	uint64_t round;
};

struct sampler {
	struct sampler_opts opts;
	struct ptrace_core *core;
	struct symbolizer *sy;
	struct native_comms *comms;
	struct mixed_proc *procs;
	size_t nprocs;
	uint64_t round;
	struct hp_sink *sink;
	struct hp_frame native[NATIVE_MAX_FRAMES];
	struct hp_frame out[2 * NATIVE_MAX_FRAMES];
};

/* A C function that runs bytecode: it stands for Python frames. */
static int mixed_is_eval(const char *fn)
{
	static const char name[] = "_PyEval_EvalFrameDefault";
	return strncmp(fn, name, sizeof(name) - 1) == 0 &&
	       (fn[sizeof(name) - 1] == 0 || fn[sizeof(name) - 1] == '.');
}

/* Wrappers that only pass a frame on to the evaluator (3.8-3.10 call
 * PyEval_EvalFrameEx -> interp->eval_frame): they add nothing of their own. */
static int mixed_is_eval_wrapper(const char *fn)
{
	return strcmp(fn, "PyEval_EvalFrameEx") == 0 || strcmp(fn, "_PyEval_EvalFrame") == 0 ||
	       strcmp(fn, "PyEval_EvalFrame") == 0;
}

static int mixed_open(const struct sampler_opts *opts, struct sampler **out, char **why)
{
	struct sampler *s = xcalloc(1, sizeof(*s));
	s->opts = *opts;
	s->sy = symbolizer_new();
	s->core = ptrace_core_new(opts, s->sy);
	s->comms = native_comms_new();
	*out = s;
	return 0;
}

static struct mixed_proc *mixed_proc_find(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

/* Only CPython targets: -ENOEXEC for others lets `--backend auto` go native. */
static int mixed_add_process(struct sampler *s, int pid, char **why)
{
	struct pyproc *pp;
	int err;
	if (mixed_proc_find(s, pid))
		return 0;
	if ((err = pyproc_open(pid, &pp, why)) != 0)
		return err;
	if ((err = ptrace_core_add_process(s->core, pid, why)) != 0) {
		pyproc_close(pp);
		return err;
	}
	s->procs = xreallocarray(s->procs, s->nprocs + 1, sizeof(*s->procs));
	s->procs[s->nprocs++] = (struct mixed_proc){ .pid = pid, .pp = pp };
	return 0;
}

static void mixed_remove_process(struct sampler *s, int pid)
{
	struct mixed_proc *p = mixed_proc_find(s, pid);
	ptrace_core_remove_process(s->core, pid);
	symbolizer_remove_process(s->sy, pid);
	if (!p)
		return;
	pyproc_close(p->pp);
	*p = s->procs[--s->nprocs];
}

/* The Python thread `tid` of the process, read once per round (all its
 * threads are stopped while the round's stacks are taken). */
static const struct py_thread *mixed_py_thread(struct sampler *s, int pid, int tid)
{
	struct mixed_proc *p = mixed_proc_find(s, pid);
	if (!p)
		return NULL;
	if (p->round != s->round) {
		p->round = s->round;
		p->snap = NULL;
		if (pyproc_sample(p->pp, NULL, &p->snap, NULL) != 0) {
			hp_sink_error(s->sink, "python-read", 1);
			p->snap = NULL;
		}
	}
	for (int i = 0; p->snap && i < p->snap->nthreads; i++)
		if (p->snap->threads[i].tid == tid)
			return &p->snap->threads[i];
	return NULL;
}

/* Replace eval-loop frames of native[0..nn) by the Python frames of pt.
 * Returns the merged length, or -1 when the stacks do not fit together. */
static int mixed_merge(struct sampler *s, int nn, const struct py_thread *pt)
{
	int n = 0, pi = 0, max = (int)HP_ARRAY_SIZE(s->out);
	for (int i = 0; i < nn && n < max; i++) {
		const struct hp_frame *f = &s->native[i];
		if (mixed_is_eval_wrapper(f->function))
			continue;
		if (!mixed_is_eval(f->function)) {
			s->out[n++] = *f;
			continue;
		}
		if (pi >= pt->nframes)
			return -1; /* an eval frame with no Python frame left */
		while (pi < pt->nframes && n < max) {
			int entry = pt->entry ? pt->entry[pi] : 1;
			s->out[n++] = pt->frames[pi++];
			if (entry)
				break;
		}
	}
	return pi == pt->nframes ? n : -1;
}

/* The fallback: native frames up to the first eval frame, then Python's. */
static int mixed_python_only(struct sampler *s, int nn, const struct py_thread *pt)
{
	int n = 0, max = (int)HP_ARRAY_SIZE(s->out);
	for (int i = 0; i < nn && n < max; i++) {
		if (mixed_is_eval(s->native[i].function) || mixed_is_eval_wrapper(s->native[i].function))
			break;
		s->out[n++] = s->native[i];
	}
	for (int i = 0; i < pt->nframes && n < max; i++)
		s->out[n++] = pt->frames[i];
	return n;
}

/* One stopped thread: its native stack merged with its Python frames. */
static void mixed_stack(void *arg, const struct ptrace_stop *st)
{
	struct sampler *s = arg;
	int pid = st->pid, tid = st->tid;
	struct hp_sample smp = { .pid = pid, .tid = tid, .state = st->state, .weight = 1 };
	const struct py_thread *pt = mixed_py_thread(s, pid, tid);
	int nn = 0, n;
	if (s->opts.kernel && st->syscall >= 0)
		ptrace_syscall_frame(st->syscall, &s->native[nn++]);
	native_user_frames(s->sy, pid, st->ips, st->n, s->native, &nn, NATIVE_MAX_FRAMES);
	if (pt && pt->error) {
		hp_sink_error(s->sink, "torn-read", 1);
		pt = NULL;
	}
	if (pt && pt->nframes > 0) {
		n = mixed_merge(s, nn, pt);
		if (n < 0) {
			hp_sink_error(s->sink, "merge-mismatch", 1);
			n = mixed_python_only(s, nn, pt);
		}
		smp.frames = s->out;
	} else if (nn > 0) {
		n = nn; /* a thread with no Python frames: native only */
		smp.frames = s->native;
	} else {
		hp_sink_error(s->sink, "unwind-failed", 1);
		return;
	}
	smp.nframes = n;
	smp.thread_name = pt && pt->name && *pt->name ? pt->name : native_comms_get(s->comms, pid, tid);
	smp.t_ns = hp_now_ns();
	hp_sink_add(s->sink, &smp);
}

static int mixed_collect(struct sampler *s, struct hp_sink *sink, char **why)
{
	s->sink = sink;
	s->round++;
	ptrace_core_snapshot(s->core, mixed_stack, s);
	return 0;
}

static const char *mixed_describe(struct sampler *s, int pid)
{
	struct mixed_proc *p = mixed_proc_find(s, pid);
	return p ? pyproc_describe(p->pp) : NULL;
}

static void mixed_close(struct sampler *s)
{
	if (!s)
		return;
	ptrace_core_free(s->core);
	for (size_t i = 0; i < s->nprocs; i++)
		pyproc_close(s->procs[i].pp);
	free(s->procs);
	symbolizer_free(s->sy);
	native_comms_free(s->comms);
	free(s);
}

const struct sampler_ops mixed_sampler_ops = {
	.name = "mixed",
	.open = mixed_open,
	.add_process = mixed_add_process,
	.remove_process = mixed_remove_process,
	.collect = mixed_collect,
	.pollfds = NULL,
	.describe = mixed_describe,
	.close = mixed_close,
};
