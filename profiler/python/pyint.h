/* pyint.h — internals shared by the files of the CPython reader
 * (pyruntime.c: discovery; pythreads.c: threads; pyframes.c: frames and
 * code objects).  Not for other callers: use pyproc.h. */
#ifndef HP_PY_PYINT_H
#define HP_PY_PYINT_H

#include <stddef.h>
#include <stdint.h>

#include "python/layouts.h"
#include "python/linetable.h"
#include "python/pyproc.h"

/* A code object as last read, keyed by its address. */
struct pycode {
	uint64_t addr;
	uint64_t serial;  /* unique per (re)load in this hprof: part of the frame keys */
	uint64_t stamp;   /* sample number it was last validated in */
	/* What identifies the object: a code object freed and replaced by
	 * another at the same address differs in at least one of these. */
	uint64_t filename_p, name_p, linetable_p;
	int valid;        /* 1: strings and table below are set */
	int firstlineno;
	uint64_t code_start; /* 3.11+: address of the first code unit */
	uint64_t ncode_bytes; /* bytes of bytecode, for bounds checks */
	int firsttraceable;  /* 3.11-3.12: units before the first traceable one */
	char *file, *func;
	struct pyline_table lines;
};

struct pycode_cache {
	struct pycode **slots; /* open addressing, power of two */
	size_t cap, n;
};

/* One frame on the way from the leaf to the root, before its code is known. */
struct rawframe {
	uint64_t addr, code;
	long lasti;       /* 3.8-3.10 f_lasti */
	uint64_t instr;   /* 3.11+ prev_instr / instr_ptr */
	int owner;
	unsigned char entry;
	struct pycode *pc;
};

struct pyproc {
	int pid;
	int minor;
	char version[32];
	char *describe;
	char *lib_path;            /* the ELF file holding _PyRuntime */
	uint64_t runtime;          /* _PyRuntime in the target */
	uint64_t code_type, str_type, bytes_type, frame_type; /* type objects, for checks */
	struct py_layout lay;      /* a copy: 3.13 fills it at open */
	int tid_off;               /* 3.8-3.10: tid inside struct pthread, -1 unknown */

	struct pycode_cache codes;
	uint64_t sample_no;

	/* The snapshot handed out, reused between samples. */
	struct py_snapshot snap;
	struct py_thread *threads;
	size_t *tstart;            /* per thread: index of its first frame */
	size_t threads_cap;
	struct hp_frame *frames;   /* all threads' frames, back to back */
	unsigned char *entries;
	size_t frames_cap, frames_n;
	struct rawframe *raw;
	size_t raw_cap;
	struct window *window;     /* pyframes.c: frames read in one go */

	/* Thread names by TID, refreshed now and then. */
	struct { int tid, exists; char name[20]; } *names;
	size_t names_n, names_cap;
	uint64_t names_ns;
};

/* Limits of what can be real: beyond them the reader saw a torn state. */
enum { PY_MAX_DEPTH = 16384, PY_MAX_THREADS = 4096, PY_MAX_INTERPS = 256,
       PY_MAX_STR = 4096, PY_MAX_TABLE = 1 << 22 };

/* process_vm_readv: 0, -EFAULT (not mapped / short read), -ESRCH, -EPERM. */
int pymem_read(int pid, uint64_t addr, void *buf, size_t n);
/* Several (addr, len) reads in as few system calls as possible; fills
 * ok[i] = 1 for each one read in full.  Returns -ESRCH/-EPERM or 0. */
int pymem_readv(int pid, const uint64_t *addrs, void *const *bufs, const size_t *lens, int n,
		unsigned char *ok);

static inline uint64_t py_u64(const void *base, uint32_t off)
{
	uint64_t v;
	__builtin_memcpy(&v, (const char *)base + off, sizeof v);
	return v;
}
static inline int32_t py_i32(const void *base, uint32_t off)
{
	int32_t v;
	__builtin_memcpy(&v, (const char *)base + off, sizeof v);
	return v;
}

/* A pointer the target could really hold for an object (aligned, user space). */
static inline int py_ptr_ok(uint64_t p)
{
	return p >= 4096 && p < (1ULL << 47) && (p & 7) == 0;
}

/* pyframes.c: walk one thread's frames from `top`, appending them to
 * pp->frames; returns how many.  On a torn read nothing is appended, *error
 * says what was wrong and 0 is returned; -ESRCH/-EPERM when the process is
 * gone or closed to us. */
int pyframes_walk(struct pyproc *pp, uint64_t top, const char **error);
void pycode_cache_done(struct pycode_cache *c);
/* Called at the start of a sample: drop the cache when it grew too big. */
void pycode_cache_trim(struct pycode_cache *c);

/* pythreads.c */
const char *pythreads_name(struct pyproc *pp, int tid);
void pythreads_names_done(struct pyproc *pp);

#endif
