/* pyproc.h — read a live CPython 3.8-3.13 process from outside.
 *
 * Nothing is injected and the target is not stopped: thread states and
 * frames are read with process_vm_readv.  Used by the python sampler
 * backend, by `hprof dump`, and by the native backend's mixed mode, which
 * puts these Python frames in place of the eval loop's native frames.
 *
 * Stability: this header only grows (fields/functions are added, never
 * changed); callers zero-initialise option structs.
 */
#ifndef HP_PYPROC_H
#define HP_PYPROC_H

#include <stdint.h>

#include "sampler.h"

struct pyproc; /* one target process */

/* Open process `pid`.  Errors (with *why one line for a person):
 *   -ESRCH   no such process
 *   -EPERM   not allowed to read it (other user, ptrace_scope, no CAP_SYS_PTRACE)
 *   -ENOEXEC not a Python process (no _PyRuntime in the executable or a
 *            mapped libpython3.X.so); *why names the executable found
 *   -EAGAIN  a Python process whose interpreter is not initialised yet
 *            (or whose libpython is not mapped yet): retry a little later
 *   -ENOTSUP a CPython version hprof cannot read; *why names it and the
 *            supported ones (3.8 to 3.13) */
int pyproc_open(int pid, struct pyproc **out, char **why);
void pyproc_close(struct pyproc *pp);

int pyproc_pid(const struct pyproc *pp);
/* "3.12.1" */
const char *pyproc_version(const struct pyproc *pp);
/* The minor version: 8 .. 13. */
int pyproc_minor(const struct pyproc *pp);
/* "CPython 3.12.1 (/path/libpython3.12.so.1.0)" */
const char *pyproc_describe(const struct pyproc *pp);
/* The address of _PyRuntime in the target. */
uint64_t pyproc_runtime_addr(const struct pyproc *pp);

/* One thread of the target as read at one moment. */
struct py_thread {
	int tid;               /* kernel TID; 0 when it could not be found */
	uint64_t thread_id;    /* PyThreadState.thread_id (the pthread_t) */
	uint64_t tstate;       /* address of the PyThreadState */
	int interp;            /* the interpreter's id: 0 = main, 1.. = sub-interpreters */
	const char *name;      /* /proc/PID/task/TID/comm, "" when unknown */
	int holds_gil;         /* this thread state holds its interpreter's GIL */
	int nframes;
	/* Leaf first, kind FRAME_PYTHON; module "" and ip 0.  key hashes the
	 * code object's address, a serial number given each time hprof (re)reads
	 * that code object, and the line: within one hprof process equal keys
	 * mean equal frame contents, across every pyproc. */
	const struct hp_frame *frames;
	/* entry[i] = 1 when frames[i] is the outermost Python frame run by one
	 * C-level call of the eval loop (_PyEval_EvalFrameDefault).  Walking a
	 * native stack leaf-first, each eval-loop native frame stands for the
	 * Python frames from the current position up to and including the next
	 * one with entry = 1.  3.8-3.10: every frame (one C call per frame);
	 * 3.11: the frame's is_entry flag; 3.12-3.13: the frame whose previous
	 * frame is the eval loop's C-stack shim (owner FRAME_OWNED_BY_CSTACK). */
	const unsigned char *entry;
	/* NULL, or why this thread's stack was not read: the target changed
	 * under the reader (torn read).  frames is then empty; count it as an
	 * error, never as a sample. */
	const char *error;
};

struct py_snapshot {
	int nthreads;
	const struct py_thread *threads;
	uint64_t t_ns; /* CLOCK_MONOTONIC when reading started */
};

struct pyproc_sample_opts {
	int gil_only; /* only the GIL holder(s) */
	/* If set, a thread whose want() returns 0 is listed without its frames
	 * (nframes 0), which saves reading them. */
	int (*want)(int tid, void *arg);
	void *want_arg;
};

/* Read every thread of every interpreter.  The snapshot and the strings in
 * its frames stay valid until the next pyproc_sample() or pyproc_close().
 * opts may be NULL.  0, -ESRCH (the process is gone), -EPERM, or -ESTALE:
 * the thread list itself was torn (count one error and try again later). */
int pyproc_sample(struct pyproc *pp, const struct pyproc_sample_opts *opts,
		  const struct py_snapshot **out, char **why);

/* The "python" sampling backend built on the above (python/sampler.c). */
extern const struct sampler_ops python_sampler_ops;

#endif
