/* query.c — load a profile run into memory: the run's header, the selected
 * samples, every distinct stack resolved once from the trie, and the
 * function and line aggregates reports are made of. */
#include "config.h"

#include "query.h"
#include "query-map.h"
#include "util.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* What loading needs besides the profile itself; dropped when done. */
struct loader {
	struct store *st;
	struct query_profile *p;
	struct query_opts o;
	struct imap threads;   /* threads.id -> index */
	struct imap stacks;    /* stacks.id of a sampled leaf -> index */
	struct imap nodes;     /* stacks.id -> index into node_* */
	struct imap frames;    /* frames.id -> index */
	int64_t *node_parent;  /* stacks.id of the parent, 0 at the root */
	int *node_frame;       /* index into p->frames */
	size_t nnodes, capnodes, capframes, capsamples;
	int64_t depth_sum;     /* sum of the sampled leaves' depths: nodes needed at most */
	int64_t dense_max;     /* > 0: node arrays are indexed by stacks.id up to this */
	int64_t *node_frame_id; /* frames.id per node, until resolved to node_frame */
	struct smap func_keys, line_keys;
	char *frame_match;     /* per frame: bit 1 filter matches, bit 2 glob matches,
				  bit 4 the interpreter's own native code */
};

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return xstrdup(t ? (const char *)t : "");
}

static void run_fill(struct query_run *r, sqlite3_stmt *s)
{
	char **strs[] = { &r->kind, &r->name, &r->command, &r->cwd, &r->status, &r->sampler,
			  &r->mode, &r->python_version, &r->hostname, &r->settings };
	r->id = sqlite3_column_int64(s, 0);
	for (size_t i = 0; i < HP_ARRAY_SIZE(strs); i++)
		*strs[i] = col_dup(s, (int)i + 1);
	r->pid = sqlite3_column_int(s, 11);
	r->exit_code = sqlite3_column_type(s, 12) == SQLITE_NULL ? INT32_MIN : sqlite3_column_int(s, 12);
	r->started_ns = sqlite3_column_int64(s, 13);
	r->ended_ns = sqlite3_column_int64(s, 14);
	r->rate_hz = sqlite3_column_double(s, 15);
	r->samples = sqlite3_column_int64(s, 16);
	r->errors = sqlite3_column_int64(s, 17);
	if (r->ended_ns > r->started_ns)
		r->duration_s = (double)(r->ended_ns - r->started_ns) / 1e9;
	if (r->samples + r->errors > 0)
		r->error_rate = (double)r->errors / (double)(r->samples + r->errors);
}

int query_run_load(struct store *st, int64_t run, struct query_run *r, char **why)
{
	static const char sql[] =
		"SELECT id, kind, name, command, cwd, status, sampler, mode, python_version,"
		" hostname, settings, coalesce(pid, 0), exit_code, started_ns, coalesce(ended_ns, 0),"
		" coalesce(rate_hz, 0), samples, errors FROM runs WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql, why);
	int rc;

	memset(r, 0, sizeof *r);
	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, run);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		run_fill(r, s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return hp_fail(why, -ENOENT, "no run %lld in %s; 'hprof list' shows the runs",
			       (long long)run, store_path(st));
	if (rc != SQLITE_ROW)
		return store_error(st, "reading the run", why);
	return 0;
}

void query_run_done(struct query_run *r)
{
	char *strs[] = { r->kind, r->name, r->command, r->cwd, r->status, r->sampler, r->mode,
			 r->python_version, r->hostname, r->settings };
	for (size_t i = 0; i < HP_ARRAY_SIZE(strs); i++)
		free(strs[i]);
	memset(r, 0, sizeof *r);
}

/* The threads of the run that the pid/tid options select. */
static int load_threads(struct loader *L, char **why)
{
	static const char sql[] =
		"SELECT t.id, p.pid, t.tid, coalesce(t.name, '') FROM threads t"
		" JOIN processes p ON p.id = t.process"
		" WHERE p.run = ?1 AND (?2 = 0 OR p.pid = ?2) AND (?3 = 0 OR t.tid = ?3)";
	struct query_profile *p = L->p;
	sqlite3_stmt *s = store_stmt(L->st, sql, why);
	size_t cap = 0;
	int rc;

	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, p->run.id);
	sqlite3_bind_int(s, 2, L->o.pid);
	sqlite3_bind_int(s, 3, L->o.tid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct query_thread *t;
		if (p->nthreads == cap) {
			cap = cap ? 2 * cap : 16;
			p->threads = xreallocarray(p->threads, cap, sizeof *p->threads);
		}
		t = &p->threads[p->nthreads];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(s, 0);
		t->pid = sqlite3_column_int(s, 1);
		t->tid = sqlite3_column_int(s, 2);
		t->name = col_dup(s, 3);
		t->top_func = -1;
		imap_put(&L->threads, t->id, (int)p->nthreads++);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(L->st, "reading the run's threads", why);
}

/* The index of sampled leaf `stack`, adding it when new. */
static int stack_index(struct loader *L, int64_t stack, int64_t depth)
{
	struct query_profile *p = L->p;
	int i = imap_get(&L->stacks, stack);
	if (i >= 0)
		return i;
	if (p->nstacks % 256 == 0)
		p->stacks = xreallocarray(p->stacks, p->nstacks + 256, sizeof *p->stacks);
	memset(&p->stacks[p->nstacks], 0, sizeof *p->stacks);
	p->stacks[p->nstacks].id = stack;
	L->depth_sum += depth;
	imap_put(&L->stacks, stack, (int)p->nstacks);
	return (int)p->nstacks++;
}

/* The sample rows of the selected threads and state. */
static int load_samples(struct loader *L, char **why)
{
	static const char sql[] =
		"SELECT sa.thread, sa.stack, sa.state, sa.count, coalesce(st.depth, 0) FROM samples sa"
		" LEFT JOIN stacks st ON st.id = sa.stack WHERE sa.run = ?1 AND (?2 < 0 OR sa.state = ?2)";
	struct query_profile *p = L->p;
	sqlite3_stmt *s = store_stmt(L->st, sql, why);
	int rc;

	if (!s)
		return -EIO;
	sqlite3_bind_int64(s, 1, p->run.id);
	sqlite3_bind_int(s, 2, L->o.state);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int thread = imap_get(&L->threads, sqlite3_column_int64(s, 0));
		struct query_sample *q;
		if (thread < 0)
			continue;
		if (p->nsamples == L->capsamples) {
			L->capsamples = L->capsamples ? 2 * L->capsamples : 1024;
			p->samples = xreallocarray(p->samples, L->capsamples, sizeof *p->samples);
		}
		q = &p->samples[p->nsamples++];
		q->thread = thread;
		q->stack = stack_index(L, sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 4));
		q->state = sqlite3_column_int(s, 2);
		q->count = sqlite3_column_int64(s, 3);
		p->stacks[q->stack].count += q->count;
		p->total += q->count;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(L->st, "reading the run's samples", why);
}

/* A frame's index, reading it from the frames table the first time. */
static int frame_index(struct loader *L, int64_t id, char **why)
{
	static const char sql[] =
		"SELECT kind, function, file, line, def_line, module FROM frames WHERE id = ?";
	struct query_profile *p = L->p;
	struct query_frame *f;
	sqlite3_stmt *s;
	int i = imap_get(&L->frames, id), rc;

	if (i >= 0)
		return i;
	if (!(s = store_stmt(L->st, sql, why)))
		return -EIO;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return hp_fail(why, -EIO, "%s is damaged: stack refers to missing frame %lld",
				       store_path(L->st), (long long)id);
		return store_error(L->st, "reading a frame", why);
	}
	if (p->nframes == L->capframes) {
		L->capframes = L->capframes ? 2 * L->capframes : 256;
		p->frames = xreallocarray(p->frames, L->capframes, sizeof *p->frames);
	}
	f = &p->frames[p->nframes];
	f->id = id;
	f->kind = sqlite3_column_int(s, 0);
	f->function = col_dup(s, 1);
	f->file = col_dup(s, 2);
	f->line = sqlite3_column_int(s, 3);
	f->def_line = sqlite3_column_int(s, 4);
	f->module = col_dup(s, 5);
	f->func = f->lineno = -1;
	sqlite3_reset(s);
	imap_put(&L->frames, id, (int)p->nframes);
	return (int)p->nframes++;
}

/* Remember trie node `id`.  Dense mode (after a scan): indexed by id itself. */
static void node_add(struct loader *L, int64_t id, int64_t parent, int64_t frame)
{
	size_t at = L->nnodes;
	if (L->dense_max) {
		if (id < 1 || id > L->dense_max)
			return; /* written after we looked: not one of ours */
		at = (size_t)id;
	} else if (L->nnodes == L->capnodes) {
		L->capnodes = L->capnodes ? 2 * L->capnodes : 1024;
		L->node_parent = xreallocarray(L->node_parent, L->capnodes, sizeof *L->node_parent);
		L->node_frame_id = xreallocarray(L->node_frame_id, L->capnodes, sizeof *L->node_frame_id);
	}
	L->node_parent[at] = parent;
	L->node_frame_id[at] = frame;
	if (!L->dense_max)
		imap_put(&L->nodes, id, (int)L->nnodes++);
}

/* The node index of stacks.id `id`, or -1. */
static int node_of(const struct loader *L, int64_t id)
{
	if (L->dense_max)
		return id > 0 && id <= L->dense_max && L->node_frame_id[id] ? (int)id : -1;
	return imap_get(&L->nodes, id);
}

/* Every node of the trie in one sequential scan: cheapest when the run's
 * stacks are most of the table (a recursive CTE is ten times slower). */
static int nodes_scan(struct loader *L, int64_t max_id, char **why)
{
	sqlite3_stmt *s = store_stmt(L->st, "SELECT id, parent, frame FROM stacks", why);
	int rc;
	if (!s)
		return -EIO;
	L->dense_max = max_id;
	L->nnodes = L->capnodes = (size_t)max_id + 1;
	L->node_parent = xcalloc(L->nnodes, sizeof *L->node_parent);
	L->node_frame_id = xcalloc(L->nnodes, sizeof *L->node_frame_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		node_add(L, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
			 sqlite3_column_int64(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(L->st, "reading the stacks", why);
}

/* The nodes under the sampled leaves, walking up each path until a node
 * already seen: one lookup per needed node, for databases of many runs. */
static int nodes_walk(struct loader *L, char **why)
{
	sqlite3_stmt *s = store_stmt(L->st, "SELECT parent, frame FROM stacks WHERE id = ?", why);
	if (!s)
		return -EIO;
	for (size_t i = 0; i < L->p->nstacks; i++) {
		int64_t id = L->p->stacks[i].id;
		while (id != 0 && node_of(L, id) < 0) {
			int rc;
			sqlite3_bind_int64(s, 1, id);
			rc = sqlite3_step(s);
			if (rc != SQLITE_ROW) {
				sqlite3_reset(s);
				if (rc == SQLITE_DONE)
					break; /* resolve_stacks reports the broken chain */
				return store_error(L->st, "reading the stacks", why);
			}
			node_add(L, id, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
			id = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
		}
	}
	return 0;
}

/* Resolve the frames of the nodes on the path to `id` not resolved yet. */
static int frames_of_path(struct loader *L, int64_t id, char **why)
{
	while (id != 0) {
		int node = node_of(L, id), f;
		if (node < 0 || L->node_frame[node] >= 0)
			return 0; /* a broken chain is reported by resolve_stacks */
		if ((f = frame_index(L, L->node_frame_id[node], why)) < 0)
			return f;
		L->node_frame[node] = f;
		id = L->node_parent[node];
	}
	return 0;
}

/* Every trie node on the path of a sampled stack, and its frame. */
static int load_nodes(struct loader *L, char **why)
{
	sqlite3_stmt *s = store_stmt(L->st, "SELECT coalesce(max(id), 0) FROM stacks", why);
	int64_t table = 0;
	int ret = 0;

	if (!s)
		return -EIO;
	if (sqlite3_step(s) == SQLITE_ROW)
		table = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (L->p->nstacks == 0)
		return 0;
	ret = table <= 2 * L->depth_sum ? nodes_scan(L, table, why) : nodes_walk(L, why);
	if (ret < 0)
		return ret;
	/* Frames by point lookups: far fewer distinct frames than nodes. */
	L->node_frame = xmalloc((L->nnodes + 1) * sizeof *L->node_frame);
	for (size_t i = 0; i < L->nnodes; i++)
		L->node_frame[i] = -1;
	for (size_t i = 0; i < L->p->nstacks; i++)
		if ((ret = frames_of_path(L, L->p->stacks[i].id, why)) < 0)
			return ret;
	return 0;
}

/* Resolve each sampled stack to its frames, root first. */
static int resolve_stacks(struct loader *L, char **why)
{
	struct query_profile *p = L->p;
	int *tmp = xmalloc((L->nnodes + 1) * sizeof *tmp);
	int ret = 0;

	for (size_t i = 0; i < p->nstacks && ret == 0; i++) {
		struct query_stack *q = &p->stacks[i];
		int64_t id = q->id;
		int n = 0;
		while (id != 0) {
			int node = node_of(L, id);
			if (node < 0 || (size_t)n >= L->nnodes) {
				ret = hp_fail(why, -EIO, "%s is damaged: stack %lld has a broken parent chain",
					      store_path(L->st), (long long)q->id);
				break;
			}
			tmp[n++] = L->node_frame[node];
			id = L->node_parent[node];
		}
		q->nframes = n;
		q->frames = xmalloc((n ? (size_t)n : 1) * sizeof *q->frames);
		for (int k = 0; k < n; k++)
			q->frames[k] = tmp[n - 1 - k];
	}
	free(tmp);
	return ret;
}

/* fnmatch on the whole path, or on the basename when the pattern has no '/'. */
static int glob_matches(const char *glob, const char *file)
{
	const char *base = strrchr(file, '/');
	if (fnmatch(glob, file, 0) == 0)
		return 1;
	return !strchr(glob, '/') && base && fnmatch(glob, base + 1, 0) == 0;
}

/* Index of the row keyed by `key`, appending a zeroed one when new. */
static int intern_row(struct smap *keys, const char *key, void **rows, size_t *n, size_t size)
{
	int i = smap_get(keys, key);
	if (i >= 0)
		return i;
	if (*n % 256 == 0)
		*rows = xreallocarray(*rows, *n + 256, size);
	memset((char *)*rows + *n * size, 0, size);
	smap_put(keys, key, (int)*n);
	return (int)(*n)++;
}

/* Whether a native frame is the interpreter's own code (libpython, or the
 * python executable of a static build): time there is Python time. */
static int is_interpreter(const struct query_frame *f)
{
	const char *base = strrchr(f->module, '/');
	base = base ? base + 1 : f->module;
	return f->kind == FRAME_NATIVE &&
	       (!strncmp(base, "libpython", 9) || !strncmp(base, "python", 6));
}

/* Map each frame to its function and line rows, and note what it matches. */
static void intern_frames(struct loader *L)
{
	struct query_profile *p = L->p;
	struct strbuf key;

	strbuf_init(&key);
	L->frame_match = xcalloc(p->nframes + 1, 1);
	for (size_t i = 0; i < p->nframes; i++) {
		struct query_frame *f = &p->frames[i];
		int shown = !L->o.file_glob || glob_matches(L->o.file_glob, f->file);
		struct query_func *fn;
		struct query_line *ln;

		p->kinds |= 1 << f->kind;
		if (L->o.filter && (strstr(f->function, L->o.filter) || strstr(f->file, L->o.filter)))
			L->frame_match[i] |= 1;
		if (L->o.file_glob && shown)
			L->frame_match[i] |= 2;
		if (is_interpreter(f))
			L->frame_match[i] |= 4;
		key.len = 0;
		strbuf_printf(&key, "%d\037%s\037%s\037%s", f->kind, f->function, f->file, f->module);
		f->func = intern_row(&L->func_keys, key.buf, (void **)&p->funcs, &p->nfuncs, sizeof *fn);
		fn = &p->funcs[f->func];
		*fn = (struct query_func){ f->kind, f->function, f->file, f->module,
			fn->def_line && (!f->def_line || fn->def_line < f->def_line) ? fn->def_line : f->def_line,
			0, 0, 0, 0, shown };
		strbuf_printf(&key, "\037%d", f->line);
		f->lineno = intern_row(&L->line_keys, key.buf, (void **)&p->lines, &p->nlines, sizeof *ln);
		ln = &p->lines[f->lineno];
		ln->kind = f->kind;
		ln->file = f->file;
		ln->function = f->function;
		ln->module = f->module;
		ln->line = f->line;
		ln->shown = shown;
	}
	strbuf_done(&key);
	p->mixed = (p->kinds & (1 << FRAME_PYTHON)) &&
		   (p->kinds & ((1 << FRAME_NATIVE) | (1 << FRAME_KERNEL)));
}

/* Whether a stack passes the filter and the file glob. */
static int stack_kept(const struct loader *L, const struct query_stack *q)
{
	int want = (L->o.filter ? 1 : 0) | (L->o.file_glob ? 2 : 0), seen = 0;
	for (int k = 0; k < q->nframes && seen != want; k++)
		seen |= L->frame_match[q->frames[k]] & want;
	return seen == want;
}

/* Split a stack's samples onto its innermost Python line: kernel leaf is
 * system time; native code other than the interpreter's between that line
 * and the leaf is native time; the rest is Python time. */
static void split_mixed(const struct loader *L, const struct query_stack *q)
{
	struct query_profile *p = L->p;
	int foreign = 0;
	for (int k = q->nframes - 1; k >= 0; k--) {
		const struct query_frame *f = &p->frames[q->frames[k]];
		struct query_line *ln = &p->lines[f->lineno];
		if (f->kind != FRAME_PYTHON) {
			foreign |= f->kind == FRAME_NATIVE && !(L->frame_match[q->frames[k]] & 4);
			continue;
		}
		if (p->frames[q->frames[q->nframes - 1]].kind == FRAME_KERNEL)
			ln->system += q->count;
		else if (foreign)
			ln->native += q->count;
		else
			ln->python += q->count;
		return;
	}
}

/* Self, total and the mixed split of every function and line. */
static void aggregate(struct loader *L)
{
	struct query_profile *p = L->p;
	int *fstamp = xmalloc((p->nfuncs + 1) * sizeof *fstamp);
	int *lstamp = xmalloc((p->nlines + 1) * sizeof *lstamp);

	memset(fstamp, 0xff, (p->nfuncs + 1) * sizeof *fstamp);
	memset(lstamp, 0xff, (p->nlines + 1) * sizeof *lstamp);
	for (size_t i = 0; i < p->nstacks; i++) {
		struct query_stack *q = &p->stacks[i];
		const struct query_frame *leaf;
		q->kept = q->nframes > 0 && stack_kept(L, q);
		if (!q->kept || q->count == 0)
			continue;
		p->matched += q->count;
		leaf = &p->frames[q->frames[q->nframes - 1]];
		p->funcs[leaf->func].self += q->count;
		p->lines[leaf->lineno].self += q->count;
		for (int k = 0; k < q->nframes; k++) {
			const struct query_frame *f = &p->frames[q->frames[k]];
			if (fstamp[f->func] != (int)i) {
				fstamp[f->func] = (int)i;
				p->funcs[f->func].total += q->count;
			}
			if (lstamp[f->lineno] != (int)i) {
				lstamp[f->lineno] = (int)i;
				p->lines[f->lineno].total += q->count;
			}
		}
		split_mixed(L, q);
	}
	free(fstamp);
	free(lstamp);
}

static double pct(const struct query_profile *p, int64_t n)
{
	return p->total > 0 ? 100.0 * (double)n / (double)p->total : 0.0;
}

/* Percentages, and the per-thread counts of the kept samples. */
static void finish_counts(struct query_profile *p)
{
	for (size_t i = 0; i < p->nfuncs; i++) {
		p->funcs[i].self_pct = pct(p, p->funcs[i].self);
		p->funcs[i].total_pct = pct(p, p->funcs[i].total);
	}
	for (size_t i = 0; i < p->nlines; i++) {
		p->lines[i].self_pct = pct(p, p->lines[i].self);
		p->lines[i].total_pct = pct(p, p->lines[i].total);
	}
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct query_sample *q = &p->samples[i];
		struct query_thread *t = &p->threads[q->thread];
		if (!p->stacks[q->stack].kept)
			continue;
		t->samples += q->count;
		if (q->state == SAMPLE_IDLE)
			t->idle += q->count;
		else
			t->oncpu += q->count;
	}
}

struct sort_ctx {
	const char *base;
	size_t size;
	int (*cmp)(const void *, const void *);
};

static int cmp_by_index(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	int r = c->cmp(c->base + (size_t)*(const int *)a * c->size,
		       c->base + (size_t)*(const int *)b * c->size);
	return r ? r : *(const int *)a - *(const int *)b;
}

/* Sort n elements in place; returns the map old index -> new index. */
static int *sort_remap(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct sort_ctx c = { base, size, cmp };
	int *order = xmalloc((n + 1) * sizeof *order), *inv = xmalloc((n + 1) * sizeof *inv);
	char *tmp = xmalloc(n * size + 1);

	for (size_t i = 0; i < n; i++)
		order[i] = (int)i;
	qsort_r(order, n, sizeof *order, cmp_by_index, &c);
	for (size_t k = 0; k < n; k++) {
		memcpy(tmp + k * size, (char *)base + (size_t)order[k] * size, size);
		inv[order[k]] = (int)k;
	}
	if (n)
		memcpy(base, tmp, n * size);
	free(tmp);
	free(order);
	return inv;
}

#define CMP_DESC(a, b) ((a) < (b) ? 1 : (a) > (b) ? -1 : 0)

static int cmp_func(const void *a, const void *b)
{
	const struct query_func *x = a, *y = b;
	int r = CMP_DESC(x->self, y->self);
	if (!r)
		r = CMP_DESC(x->total, y->total);
	return r ? r : strcmp(x->function, y->function);
}

static int cmp_line(const void *a, const void *b)
{
	const struct query_line *x = a, *y = b;
	int r = CMP_DESC(x->self, y->self);
	if (!r)
		r = CMP_DESC(x->total, y->total);
	if (!r)
		r = strcmp(x->file, y->file);
	return r ? r : x->line - y->line;
}

static int cmp_stack(const void *a, const void *b)
{
	const struct query_stack *x = a, *y = b;
	return CMP_DESC(x->count, y->count);
}

static int cmp_thread(const void *a, const void *b)
{
	const struct query_thread *x = a, *y = b;
	int r = CMP_DESC(x->samples, y->samples);
	return r ? r : x->tid - y->tid;
}

/* Sort every table hottest first and rewrite the indices that point into them. */
static void sort_tables(struct query_profile *p)
{
	int *fmap = sort_remap(p->funcs, p->nfuncs, sizeof *p->funcs, cmp_func);
	int *lmap = sort_remap(p->lines, p->nlines, sizeof *p->lines, cmp_line);
	int *smap = sort_remap(p->stacks, p->nstacks, sizeof *p->stacks, cmp_stack);
	int *tmap = sort_remap(p->threads, p->nthreads, sizeof *p->threads, cmp_thread);

	for (size_t i = 0; i < p->nframes; i++) {
		p->frames[i].func = fmap[p->frames[i].func];
		p->frames[i].lineno = lmap[p->frames[i].lineno];
	}
	for (size_t i = 0; i < p->nsamples; i++) {
		p->samples[i].stack = smap[p->samples[i].stack];
		p->samples[i].thread = tmap[p->samples[i].thread];
	}
	free(fmap);
	free(lmap);
	free(smap);
	free(tmap);
}

/* Each thread's function with the most self samples (left at -1 when the
 * threads x functions table would be too big to be worth it). */
static void thread_tops(struct query_profile *p)
{
	size_t stride = p->nfuncs + 1;
	int64_t *self;

	if (p->nthreads == 0 || p->nthreads * stride > 4000000)
		return;
	self = xcalloc(p->nthreads * stride, sizeof *self);
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct query_sample *q = &p->samples[i];
		const struct query_stack *s = &p->stacks[q->stack];
		if (s->kept && s->nframes > 0)
			self[(size_t)q->thread * stride + (size_t)p->frames[s->frames[s->nframes - 1]].func] += q->count;
	}
	for (size_t t = 0; t < p->nthreads; t++) {
		int64_t best = 0;
		for (size_t f = 0; f < p->nfuncs; f++)
			if (self[t * stride + f] > best) {
				best = self[t * stride + f];
				p->threads[t].top_func = (int)f;
			}
	}
	free(self);
}

static void loader_done(struct loader *L)
{
	imap_done(&L->threads);
	imap_done(&L->stacks);
	imap_done(&L->nodes);
	imap_done(&L->frames);
	smap_done(&L->func_keys);
	smap_done(&L->line_keys);
	free(L->node_parent);
	free(L->node_frame);
	free(L->node_frame_id);
	free(L->frame_match);
}

/* Every row a profile needs, read in one transaction so that a run still
 * being written (hprof top, hpview on a live run) is seen as one snapshot. */
static int load_rows(struct loader *L, char **why)
{
	int own = sqlite3_get_autocommit(store_db(L->st)), ret;
	if (own && (ret = store_exec(L->st, "BEGIN", why)) < 0)
		return ret;
	if ((ret = load_threads(L, why)) >= 0 && (ret = load_samples(L, why)) >= 0 &&
	    (ret = load_nodes(L, why)) >= 0)
		ret = resolve_stacks(L, why);
	if (own)
		store_exec(L->st, "COMMIT", NULL);
	return ret;
}

int query_load(struct store *st, int64_t run, const struct query_opts *opts,
	       struct query_profile **out, char **why)
{
	static const struct query_opts all = QUERY_OPTS_INIT;
	struct loader L = { .st = st, .o = opts ? *opts : all };
	struct query_profile *p = xcalloc(1, sizeof *p);
	int ret;

	L.p = p;
	*out = NULL;
	if ((ret = query_run_load(st, run, &p->run, why)) < 0)
		goto fail;
	if (strcmp(p->run.kind, "profile") != 0) {
		ret = hp_fail(why, -EINVAL, "run %lld is a %s run, not a profile; "
			      "'hprof list --kind profile' shows the profiles",
			      (long long)run, p->run.kind);
		goto fail;
	}
	if ((ret = load_rows(&L, why)) < 0)
		goto fail;
	intern_frames(&L);
	aggregate(&L);
	finish_counts(p);
	sort_tables(p);
	thread_tops(p);
	loader_done(&L);
	*out = p;
	return 0;
fail:
	loader_done(&L);
	query_free(p);
	return ret;
}

void query_free(struct query_profile *p)
{
	if (!p)
		return;
	query_run_done(&p->run);
	for (size_t i = 0; i < p->nframes; i++) {
		free((char *)p->frames[i].function);
		free((char *)p->frames[i].file);
		free((char *)p->frames[i].module);
	}
	for (size_t i = 0; i < p->nstacks; i++)
		free(p->stacks[i].frames);
	for (size_t i = 0; i < p->nthreads; i++)
		free((char *)p->threads[i].name);
	free(p->frames);
	free(p->funcs);
	free(p->lines);
	free(p->stacks);
	free(p->threads);
	free(p->samples);
	free(p);
}

int64_t query_min_count(const struct query_profile *p, double min_pct)
{
	double c = min_pct / 100.0 * (double)p->total;
	int64_t n = (int64_t)c;
	if ((double)n < c)
		n++;
	return n;
}

char *query_frame_label(const struct query_frame *f)
{
	const char *lib;
	if (f->file[0] && f->line > 0)
		return xasprintf("%s (%s:%d)", f->function, f->file, f->line);
	if (f->file[0])
		return xasprintf("%s (%s)", f->function, f->file);
	if (f->module[0]) {
		lib = strrchr(f->module, '/');
		return xasprintf("%s (%s)", f->function, lib ? lib + 1 : f->module);
	}
	return xstrdup(f->function);
}
