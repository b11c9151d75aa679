/* pyframes.c — walk one thread's Python frames and name them: code objects
 * (cached by address, re-checked each sample), their strings and decoded
 * line tables.  Anything implausible is reported as a torn read, never
 * turned into a frame. */
#include "config.h"

#include "python/pyint.h"

#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { OWNED_BY_GENERATOR = 1, OWNED_BY_CSTACK = 3 };
static uint64_t code_serial;
#define CACHE_MAX 65536

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* ---- code object cache ---- */

static void code_free(struct pycode *pc)
{
	free(pc->file);
	free(pc->func);
	pyline_done(&pc->lines);
	free(pc);
}

void pycode_cache_done(struct pycode_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i])
			code_free(c->slots[i]);
	free(c->slots);
	memset(c, 0, sizeof *c);
}

void pycode_cache_trim(struct pycode_cache *c)
{
	if (c->n > CACHE_MAX)
		pycode_cache_done(c);
}

static void cache_grow(struct pycode_cache *c)
{
	struct pycode **old = c->slots;
	size_t oldcap = c->cap;

	c->cap = c->cap ? c->cap * 2 : 256;
	c->slots = xcalloc(c->cap, sizeof *c->slots);
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i])
			continue;
		size_t j = mix64(old[i]->addr) & (c->cap - 1);
		while (c->slots[j])
			j = (j + 1) & (c->cap - 1);
		c->slots[j] = old[i];
	}
	free(old);
}

/* The entry for the code object at `addr`, created empty if new. */
static struct pycode *cache_get(struct pycode_cache *c, uint64_t addr)
{
	size_t j;

	if (2 * (c->n + 1) > c->cap)
		cache_grow(c);
	for (j = mix64(addr) & (c->cap - 1); c->slots[j]; j = (j + 1) & (c->cap - 1))
		if (c->slots[j]->addr == addr)
			return c->slots[j];
	c->slots[j] = xcalloc(1, sizeof *c->slots[j]);
	c->slots[j]->addr = addr;
	c->n++;
	return c->slots[j];
}

/* ---- strings and bytes of the target ---- */

static void put_utf8(struct strbuf *sb, uint32_t c)
{
	char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | ((c >> 18) & 7));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

/* A str object as a new UTF-8 string.  -ESTALE when it is not a compact
 * str (the only kind code objects hold). */
static int read_str(struct pyproc *pp, uint64_t addr, char **out)
{
	const struct py_layout *l = &pp->lay;
	uint8_t hdr[128], *data;
	uint32_t state, kind;
	int64_t len;
	struct strbuf sb;
	int e;

	if (!py_ptr_ok(addr) || l->str_compact_size > sizeof hdr)
		return -ESTALE;
	if ((e = pymem_read(pp->pid, addr, hdr, l->str_compact_size)) < 0)
		return e == -EFAULT ? -ESTALE : e;
	state = (uint32_t)py_i32(hdr, l->str_state);
	kind = (state >> 2) & 7;
	len = (int64_t)py_u64(hdr, l->str_length);
	if (py_u64(hdr, l->ob_type) != pp->str_type || !((state >> 5) & 1) || len < 0 ||
	    len > PY_MAX_STR || (kind != 1 && kind != 2 && kind != 4))
		return -ESTALE;
	data = xmalloc((size_t)len * kind + 1);
	e = pymem_read(pp->pid, addr + (((state >> 6) & 1) ? l->str_ascii_size : l->str_compact_size),
		       data, (size_t)len * kind);
	if (e < 0) {
		free(data);
		return e == -EFAULT ? -ESTALE : e;
	}
	strbuf_init(&sb);
	for (int64_t i = 0; i < len; i++) {
		uint32_t c = kind == 1 ? data[i] : kind == 2 ? ((uint16_t *)(void *)data)[i]
							     : ((uint32_t *)(void *)data)[i];
		put_utf8(&sb, c);
	}
	free(data);
	*out = strbuf_detach(&sb);
	return 0;
}

/* A bytes object's contents (new buffer) and length. */
static int read_bytes(struct pyproc *pp, uint64_t addr, uint8_t **out, size_t *n)
{
	const struct py_layout *l = &pp->lay;
	uint8_t hdr[64];
	int64_t len;
	int e;

	if (!py_ptr_ok(addr) || l->bytes_sval > sizeof hdr)
		return -ESTALE;
	if ((e = pymem_read(pp->pid, addr, hdr, l->bytes_sval)) < 0)
		return e == -EFAULT ? -ESTALE : e;
	len = (int64_t)py_u64(hdr, l->var_size);
	if (py_u64(hdr, l->ob_type) != pp->bytes_type || len < 0 || len > PY_MAX_TABLE)
		return -ESTALE;
	*out = xmalloc((size_t)len + 1);
	*n = (size_t)len;
	if ((e = pymem_read(pp->pid, addr + l->bytes_sval, *out, (size_t)len)) < 0) {
		free(*out);
		return e == -EFAULT ? -ESTALE : e;
	}
	return 0;
}

/* ---- code objects ---- */

static uint32_t code_hdr_size(const struct py_layout *l)
{
	uint32_t m = l->co_filename;
	uint32_t f[] = { l->co_name, l->co_qualname, l->co_linetable, l->co_code,
			 l->co_firstlineno, l->co_firsttraceable, l->var_size, l->ob_type };
	for (size_t i = 0; i < HP_ARRAY_SIZE(f); i++)
		m = f[i] > m ? f[i] : m;
	return m + 8;
}

/* Fill pc's strings, table and bounds from a header just read. */
static int code_load(struct pyproc *pp, struct pycode *pc, const uint8_t *hdr)
{
	const struct py_layout *l = &pp->lay;
	uint64_t func_p = pp->minor >= 11 ? py_u64(hdr, l->co_qualname) : pc->name_p;
	uint8_t *tab = NULL;
	size_t tablen;
	int e;

	free(pc->file);
	free(pc->func);
	pyline_done(&pc->lines);
	pc->file = pc->func = NULL;
	pc->valid = 0;
	if ((e = read_str(pp, pc->filename_p, &pc->file)) < 0 ||
	    (e = read_str(pp, func_p, &pc->func)) < 0 ||
	    (e = read_bytes(pp, pc->linetable_p, &tab, &tablen)) < 0)
		return e;
	e = pyline_decode(pp->minor, tab, tablen, pc->firstlineno, &pc->lines) < 0 ? -ESTALE : 0;
	free(tab);
	if (e < 0)
		return e;
	if (pp->minor >= 11) {
		pc->code_start = pc->addr + l->co_code_adaptive;
		pc->ncode_bytes = 2 * py_u64(hdr, l->var_size);
		pc->firsttraceable = pp->minor <= 12 ? py_i32(hdr, l->co_firsttraceable) : 0;
	} else {
		uint8_t bh[64];
		uint64_t code_p = py_u64(hdr, l->co_code);
		if (!py_ptr_ok(code_p) || pymem_read(pp->pid, code_p, bh, l->bytes_sval) < 0 ||
		    py_u64(bh, l->ob_type) != pp->bytes_type)
			return -ESTALE;
		pc->ncode_bytes = py_u64(bh, l->var_size);
	}
	/* Unique in this hprof, across processes and re-opened ones, so frame
	 * keys never name two different contents in one sink. */
	pc->serial = __atomic_add_fetch(&code_serial, 1, __ATOMIC_RELAXED);
	pc->valid = 1;
	return 0;
}

/* Check a code object against its header read this sample; reload what
 * changed.  -ESTALE when it is not a code object. */
static int code_check(struct pyproc *pp, struct pycode *pc, const uint8_t *hdr)
{
	const struct py_layout *l = &pp->lay;
	uint64_t fp = py_u64(hdr, l->co_filename), np = py_u64(hdr, l->co_name);
	uint64_t tp = py_u64(hdr, l->co_linetable);
	int first = py_i32(hdr, l->co_firstlineno);

	if (py_u64(hdr, l->ob_type) != pp->code_type)
		return -ESTALE;
	if (pc->valid && fp == pc->filename_p && np == pc->name_p && tp == pc->linetable_p &&
	    first == pc->firstlineno)
		return 0;
	pc->filename_p = fp;
	pc->name_p = np;
	pc->linetable_p = tp;
	pc->firstlineno = first;
	return code_load(pp, pc, hdr);
}

/* Read the headers of the code objects first met in this sample, in one
 * batch of reads, and check them. */
static int codes_validate(struct pyproc *pp, struct rawframe *raw, int n, const char **error)
{
	uint32_t hsz = code_hdr_size(&pp->lay);
	uint64_t *addrs = xmalloc((size_t)n * sizeof *addrs);
	void **bufs = xmalloc((size_t)n * sizeof *bufs);
	size_t *lens = xmalloc((size_t)n * sizeof *lens);
	struct pycode **pcs = xmalloc((size_t)n * sizeof *pcs);
	unsigned char *ok = xmalloc((size_t)n);
	uint8_t *hdrs;
	int m = 0, e = 0;

	for (int i = 0; i < n; i++) {
		struct pycode *pc = raw[i].pc;
		if (pc->stamp == pp->sample_no)
			continue;
		pc->stamp = pp->sample_no;
		pcs[m] = pc;
		addrs[m++] = pc->addr;
	}
	hdrs = xmalloc((size_t)m * hsz + 1);
	for (int i = 0; i < m; i++) {
		bufs[i] = hdrs + (size_t)i * hsz;
		lens[i] = hsz;
	}
	if (m)
		e = pymem_readv(pp->pid, addrs, bufs, lens, m, ok);
	for (int i = 0; i < m && e == 0; i++) {
		int r = ok[i] ? code_check(pp, pcs[i], bufs[i]) : -ESTALE;
		if (r == -ESTALE) {
			pcs[i]->valid = 0;
			pcs[i]->stamp = 0;
			*error = "a frame's code object changed while being read";
		} else if (r < 0) {
			e = r;
		}
	}
	free(addrs);
	free(bufs);
	free(lens);
	free(pcs);
	free(ok);
	free(hdrs);
	return e;
}

/* ---- frames ---- */

static uint32_t frame_read_size(const struct py_layout *l)
{
	uint32_t f[] = { l->fr_back, l->fr_code, l->fr_lasti, l->fr_instr, l->fr_owner,
			 l->fr_is_entry };
	uint32_t m = 0;
	for (size_t i = 0; i < HP_ARRAY_SIZE(f); i++)
		m = f[i] > m ? f[i] : m;
	return m + 8;
}

static struct rawframe *raw_push(struct pyproc *pp, int n)
{
	if ((size_t)n == pp->raw_cap) {
		pp->raw_cap = pp->raw_cap ? 2 * pp->raw_cap : 64;
		pp->raw = xreallocarray(pp->raw, pp->raw_cap, sizeof *pp->raw);
	}
	memset(&pp->raw[n], 0, sizeof pp->raw[n]);
	return &pp->raw[n];
}

/* Callers' frames usually sit just below their callees' in memory: 3.11+
 * frames are contiguous in the thread's data stack, and older versions'
 * frame objects of a call chain are mostly allocated one after another.  So
 * one read of the WINDOW bytes below a frame often brings the next ones too.
 * A window that serves only the frame it was read for twice in a walk
 * (frames scattered over the heap) is given up for the rest of that walk. */
#define WINDOW 8192

struct window {
	uint64_t base;
	size_t len;
	int served, wasted, off;
	uint8_t buf[WINDOW];
};

static void window_reset(struct window *w)
{
	w->len = 0;
	w->served = w->wasted = w->off = 0;
}

/* Fill the window with the bytes below `end` (at least the page of addr). */
static int window_fill(struct pyproc *pp, struct window *w, uint64_t addr, uint64_t end)
{
	uint64_t start = end - WINDOW;

	if (w->len && w->served <= 1 && ++w->wasted >= 2) {
		w->off = 1;
		return -1;
	}
	if (pymem_read(pp->pid, start, w->buf, WINDOW) < 0) {
		start = addr & ~(uint64_t)4095; /* this page at least is mapped */
		if (end - start > WINDOW || pymem_read(pp->pid, start, w->buf, end - start) < 0)
			return -1;
	}
	w->base = start;
	w->len = end - start;
	w->served = 0;
	return 0;
}

static int frame_fetch(struct pyproc *pp, struct window *w, uint64_t addr, uint32_t rsz,
		       uint8_t *out)
{
	uint64_t end = addr + rsz;

	if (!w->off && !(addr >= w->base && end <= w->base + w->len) &&
	    (end <= WINDOW || window_fill(pp, w, addr, end) < 0))
		return pymem_read(pp->pid, addr, out, rsz);
	if (w->off)
		return pymem_read(pp->pid, addr, out, rsz);
	memcpy(out, w->buf + (addr - w->base), rsz);
	w->served++;
	return 0;
}

/* Say why a read is torn; returns -ESTALE. */
static int torn(const char **error, const char *why)
{
	*error = why;
	return -ESTALE;
}

/* Follow the chain from `addr` into pp->raw; returns the count or -ESTALE
 * (with *error set), -ESRCH, -EPERM. */
static int chain_read(struct pyproc *pp, uint64_t addr, const char **error)
{
	const struct py_layout *l = &pp->lay;
	uint32_t rsz = frame_read_size(l);
	uint8_t buf[512];
	struct window *w = pp->window ? pp->window : (pp->window = xmalloc(sizeof *w));
	uint64_t tortoise = addr;
	size_t power = 1, lam = 0;
	int n = 0, e;

	window_reset(w);
	while (addr) {
		if (!py_ptr_ok(addr))
			return torn(error, "implausible frame pointer");
		if (n >= PY_MAX_DEPTH)
			return torn(error, "frame chain deeper than the limit");
		if (rsz > sizeof buf)
			return -ENOTSUP;
		if ((e = frame_fetch(pp, w, addr, rsz, buf)) < 0)
			return e == -EFAULT ? torn(error, "frame not readable") : e;
		int owner = pp->minor >= 11 ? *(const int8_t *)(buf + l->fr_owner) : 0;
		if (pp->minor >= 12 && owner == OWNED_BY_CSTACK) {
			if (n > 0)
				pp->raw[n - 1].entry = 1; /* the eval loop's shim: a C call began */
		} else {
			struct rawframe *rf = raw_push(pp, n++);
			rf->addr = addr;
			rf->code = py_u64(buf, l->fr_code);
			rf->owner = owner;
			if (pp->minor <= 10) {
				/* A frame object freed meanwhile is no longer a frame. */
				if (py_u64(buf, l->ob_type) != pp->frame_type)
					return torn(error, "a frame object changed while being read");
				rf->lasti = py_i32(buf, l->fr_lasti);
				rf->entry = 1;
			} else {
				rf->instr = py_u64(buf, l->fr_instr);
				rf->entry = pp->minor == 11 ? buf[l->fr_is_entry] != 0 : 0;
			}
			if (!py_ptr_ok(rf->code))
				return torn(error, "implausible code object pointer");
		}
		addr = py_u64(buf, l->fr_back);
		if (addr == tortoise) /* Brent: a loop comes back to a saved frame */
			return torn(error, "frame chain loops");
		if (++lam == power) {
			tortoise = addr;
			power *= 2;
			lam = 0;
		}
	}
	return n;
}

static void frames_reserve(struct pyproc *pp, size_t more)
{
	if (pp->frames_n + more <= pp->frames_cap)
		return;
	while (pp->frames_n + more > pp->frames_cap)
		pp->frames_cap = pp->frames_cap ? 2 * pp->frames_cap : 256;
	pp->frames = xreallocarray(pp->frames, pp->frames_cap, sizeof *pp->frames);
	pp->entries = xreallocarray(pp->entries, pp->frames_cap, 1);
}

/* The line of a frame, or -1 when its instruction is outside its code
 * (torn), or -2 when the frame is still being set up (skip it). */
static int frame_line(struct pyproc *pp, const struct rawframe *rf)
{
	const struct pycode *pc = rf->pc;
	long idx;

	if (pp->minor <= 10) {
		long off = pyline_offset(pp->minor, rf->lasti);
		if (rf->lasti < -1 || off >= (long)pc->ncode_bytes)
			return -1;
		return pyline_lookup(&pc->lines, off);
	}
	if (rf->instr + 2 < pc->code_start || rf->instr >= pc->code_start + pc->ncode_bytes ||
	    (rf->instr - pc->code_start) % 2)
		return -1;
	idx = ((long)rf->instr - (long)pc->code_start) / 2;
	if (pp->minor <= 12 && rf->owner != OWNED_BY_GENERATOR && idx < pc->firsttraceable)
		return -2;
	if (pp->minor >= 13 && idx < 0)
		return -1;
	return pyline_lookup(&pc->lines, idx * 2);
}

static void frame_emit(struct pyproc *pp, const struct rawframe *rf, int line)
{
	const struct pycode *pc = rf->pc;
	struct hp_frame *f = &pp->frames[pp->frames_n];
	uint64_t key = mix64(pc->addr ^ mix64(pc->serial)) ^ mix64((uint64_t)(uint32_t)line);

	*f = (struct hp_frame){
		.kind = FRAME_PYTHON,
		.function = pc->func,
		.file = pc->file,
		.line = line,
		.def_line = pc->firstlineno,
		.module = "",
		.key = key ? key : 1,
	};
	pp->entries[pp->frames_n++] = rf->entry;
}

int pyframes_walk(struct pyproc *pp, uint64_t top, const char **error)
{
	int n = chain_read(pp, top, error), e, emitted = 0;

	if (n == -ESTALE)
		return 0;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		pp->raw[i].pc = cache_get(&pp->codes, pp->raw[i].code);
	if ((e = codes_validate(pp, pp->raw, n, error)) < 0)
		return e;
	if (*error)
		return 0;
	frames_reserve(pp, (size_t)n);
	for (int i = 0; i < n; i++) {
		int line = frame_line(pp, &pp->raw[i]);
		if (line == -2)
			continue;
		if (line < 0) {
			*error = "a frame's instruction is outside its code";
			pp->frames_n -= (size_t)emitted;
			return 0;
		}
		frame_emit(pp, &pp->raw[i], line);
		emitted++;
	}
	return emitted;
}
