/* pythreads.c — one snapshot of a CPython process: every thread state of
 * every interpreter, its kernel TID and name, the GIL holder, its frames. */
#include "config.h"

#include "python/pyint.h"

#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAMES_TTL_NS 1000000000ull /* thread names are re-read every second */

/* Read n 8-byte fields at base + offs[i] in one system call.  0, -ESTALE
 * when one is not readable, -ESRCH, -EPERM. */
static int read_fields(struct pyproc *pp, uint64_t base, const uint32_t *offs, uint64_t *vals,
		       int n)
{
	uint64_t addrs[8];
	void *bufs[8];
	size_t lens[8];
	unsigned char ok[8];
	int e;

	for (int i = 0; i < n; i++) {
		addrs[i] = base + offs[i];
		bufs[i] = &vals[i];
		lens[i] = 8;
	}
	if ((e = pymem_readv(pp->pid, addrs, bufs, lens, n, ok)) < 0)
		return e;
	for (int i = 0; i < n; i++)
		if (!ok[i])
			return -ESTALE;
	return 0;
}

/* The name of thread `tid` from /proc/PID/task/TID/comm, cached for a
 * second; NULL when the target has no such thread. */
const char *pythreads_name(struct pyproc *pp, int tid)
{
	char path[64], *text;
	uint64_t now = hp_now_ns();

	if (tid <= 0)
		return NULL;
	if (now - pp->names_ns > NAMES_TTL_NS) {
		pp->names_n = 0;
		pp->names_ns = now;
	}
	for (size_t i = 0; i < pp->names_n; i++)
		if (pp->names[i].tid == tid)
			return pp->names[i].exists ? pp->names[i].name : NULL;
	if (pp->names_n == pp->names_cap) {
		pp->names_cap = pp->names_cap ? 2 * pp->names_cap : 16;
		pp->names = xreallocarray(pp->names, pp->names_cap, sizeof *pp->names);
	}
	pp->names[pp->names_n].tid = tid;
	snprintf(path, sizeof path, "/proc/%d/task/%d/comm", pp->pid, tid);
	text = hp_read_file(path, NULL);
	pp->names[pp->names_n].exists = text != NULL;
	snprintf(pp->names[pp->names_n].name, sizeof pp->names[0].name, "%s", text ? text : "");
	pp->names[pp->names_n].name[strcspn(pp->names[pp->names_n].name, "\n")] = 0;
	free(text);
	pp->names_n++;
	return pp->names[pp->names_n - 1].exists ? pp->names[pp->names_n - 1].name : NULL;
}

void pythreads_names_done(struct pyproc *pp)
{
	free(pp->names);
	pp->names = NULL;
	pp->names_n = pp->names_cap = 0;
}

static struct py_thread *new_thread(struct pyproc *pp)
{
	if ((size_t)pp->snap.nthreads == pp->threads_cap) {
		pp->threads_cap = pp->threads_cap ? 2 * pp->threads_cap : 8;
		pp->threads = xreallocarray(pp->threads, pp->threads_cap, sizeof *pp->threads);
		pp->tstart = xreallocarray(pp->tstart, pp->threads_cap, sizeof *pp->tstart);
	}
	struct py_thread *t = &pp->threads[pp->snap.nthreads++];
	memset(t, 0, sizeof *t);
	t->name = "";
	return t;
}

/* The top frame of a thread whose frame field (3.11-3.12: cframe) is `f`. */
static int top_frame(struct pyproc *pp, uint64_t f, uint64_t *frame)
{
	const struct py_layout *l = &pp->lay;
	uint64_t cframe = f;

	if (pp->minor != 11 && pp->minor != 12) {
		*frame = f;
		return 0;
	}
	if (!cframe) {
		*frame = 0;
		return 0;
	}
	if (!py_ptr_ok(cframe))
		return -ESTALE;
	return pymem_read(pp->pid, cframe + l->cf_current_frame, frame, 8);
}

/* The kernel TID of a thread: native_thread_id (3.11+) or from pthread_t. */
static int thread_tid(struct pyproc *pp, uint64_t ptid, uint64_t native)
{
	int32_t tid = 0;

	if (pp->minor >= 11)
		return (int)(int32_t)native;
	if (pp->tid_off < 0 || !ptid)
		return 0;
	if (pymem_read(pp->pid, ptid + (uint64_t)pp->tid_off, &tid, sizeof tid) < 0 || tid <= 0)
		return 0;
	return tid;
}

/* One thread state: list it (maybe with its frames).  -ESTALE when torn. */
static int read_thread(struct pyproc *pp, uint64_t tstate, uint64_t interp, int interp_no,
		       uint64_t holder, const struct pyproc_sample_opts *o, uint64_t *next)
{
	const struct py_layout *l = &pp->lay;
	enum { NEXT, INTERP, PTID, FRAME, NATIVE };
	uint32_t offs[] = { l->ts_next, l->ts_interp, l->ts_thread_id,
			    pp->minor == 11 || pp->minor == 12 ? l->ts_cframe : l->ts_frame,
			    l->ts_native_thread_id };
	uint64_t ts[5], frame;
	struct py_thread *t;
	int e;

	if ((e = read_fields(pp, tstate, offs, ts, pp->minor >= 11 ? 5 : 4)) < 0)
		return e;
	if (ts[INTERP] != interp)
		return -ESTALE;
	*next = ts[NEXT];
	if (o && o->gil_only && tstate != holder)
		return 0;
	t = new_thread(pp);
	t->tstate = tstate;
	t->interp = interp_no;
	t->thread_id = ts[PTID];
	t->tid = thread_tid(pp, ts[PTID], pp->minor >= 11 ? ts[NATIVE] : 0);
	t->name = pythreads_name(pp, t->tid);
	if (!t->name) {
		/* Before 3.11 the TID comes from the C library's thread struct: a
		 * TID the target does not have means that guess was wrong. */
		if (pp->minor <= 10)
			t->tid = 0;
		t->name = "";
	}
	t->holds_gil = tstate == holder;
	pp->tstart[pp->snap.nthreads - 1] = pp->frames_n;
	if (o && o->want && !o->want(t->tid, o->want_arg))
		return 0;
	e = top_frame(pp, ts[FRAME], &frame);
	if (e == -ESRCH || e == -EPERM)
		return e;
	if (e < 0)
		t->error = "thread state changed while being read";
	else if (frame && (e = pyframes_walk(pp, frame, &t->error)) < 0)
		return e;
	t->nframes = e > 0 ? e : 0;
	return 0;
}

/* GIL holder of one interpreter (3.12+: per-interpreter GIL). */
static uint64_t interp_gil_holder(struct pyproc *pp, uint64_t gil)
{
	uint32_t offs[] = { pp->lay.gil_locked, pp->lay.gil_last_holder };
	uint64_t v[2];

	if (!py_ptr_ok(gil) || read_fields(pp, gil, offs, v, 2) < 0)
		return 0;
	return (int32_t)v[0] > 0 ? v[1] : 0;
}

/* Every thread of one interpreter; *next is the following interpreter. */
static int read_interp(struct pyproc *pp, uint64_t interp, uint64_t holder,
		       const struct pyproc_sample_opts *o, uint64_t *next)
{
	const struct py_layout *l = &pp->lay;
	uint32_t offs[] = { l->is_next, l->is_threads_head, l->is_id, l->is_gil };
	uint64_t is[4], ts;
	int e, n = 0;

	if ((e = read_fields(pp, interp, offs, is, pp->minor >= 12 ? 4 : 3)) < 0)
		return e;
	*next = is[0];
	if (is[2] > INT32_MAX) /* ids count up from 0 */
		return -ESTALE;
	if (pp->minor >= 12)
		holder = interp_gil_holder(pp, is[3]);
	for (ts = is[1]; ts; ) {
		if (!py_ptr_ok(ts) || ++n > PY_MAX_THREADS)
			return -ESTALE;
		if ((e = read_thread(pp, ts, interp, (int)is[2], holder, o, &ts)) < 0)
			return e;
	}
	return 0;
}

/* Point each thread at its frames (the array may have moved meanwhile). */
static void fix_frames(struct pyproc *pp)
{
	for (int i = 0; i < pp->snap.nthreads; i++) {
		pp->threads[i].frames = pp->frames + pp->tstart[i];
		pp->threads[i].entry = pp->entries + pp->tstart[i];
	}
}

int pyproc_sample(struct pyproc *pp, const struct pyproc_sample_opts *opts,
		  const struct py_snapshot **out, char **why)
{
	uint64_t interp = 0, holder = 0;
	int e, n = 0;

	pp->sample_no++;
	pycode_cache_trim(&pp->codes);
	pp->snap.nthreads = 0;
	pp->frames_n = 0;
	pp->snap.t_ns = hp_now_ns();
	e = pymem_read(pp->pid, pp->runtime + pp->lay.rt_interpreters_head, &interp, 8);
	if (e == 0 && pp->minor <= 11)
		e = pymem_read(pp->pid, pp->runtime + pp->lay.rt_tstate_current, &holder, 8);
	while (e == 0 && interp) {
		if (!py_ptr_ok(interp) || n >= PY_MAX_INTERPS)
			e = -ESTALE;
		else
			e = read_interp(pp, interp, holder, opts, &interp);
		n++;
	}
	fix_frames(pp);
	pp->snap.threads = pp->threads;
	*out = &pp->snap;
	if (e == -ESRCH)
		return hp_fail(why, e, "process %d exited", pp->pid);
	if (e == -EPERM)
		return hp_fail(why, e, "not allowed to read process %d any more", pp->pid);
	if (e == -EFAULT || e == -ESTALE)
		return hp_fail(why, -ESTALE, "the thread list of process %d changed while being read",
			       pp->pid);
	return e < 0 ? hp_fail(why, e, "cannot read process %d", pp->pid) : 0;
}
