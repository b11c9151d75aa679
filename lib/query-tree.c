/* query-tree.c — shapes built from a loaded profile: the call tree,
 * collapsed stacks for flame graphs, and the diff of two runs. */
#include "config.h"

#include "query.h"
#include "query-map.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tree building state: nodes plus a (parent, key) -> child index. */
struct tree_builder {
	struct query_tree *t;
	size_t cap;
	struct imap children;
};

/* The child of `parent` for `func`/`frame`, created when missing. */
static int tree_child(struct tree_builder *b, int parent, int func, int frame)
{
	int key = frame >= 0 ? frame : func;
	int64_t k = (int64_t)(((uint64_t)(uint32_t)parent << 32) | (uint32_t)key);
	int i = imap_get(&b->children, k);
	struct query_tree_node *n;

	if (i >= 0)
		return i;
	if (b->t->nnodes == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->t->nodes = xreallocarray(b->t->nodes, b->cap, sizeof *b->t->nodes);
	}
	i = (int)b->t->nnodes++;
	n = &b->t->nodes[i];
	*n = (struct query_tree_node){ .func = func, .frame = frame, .parent = parent,
		.first_child = -1, .next_sibling = -1, .self = 0, .total = 0,
		.depth = parent >= 0 ? b->t->nodes[parent].depth + 1 : 0 };
	imap_put(&b->children, k, i);
	return i;
}

static int cmp_node_total(const void *a, const void *b, void *arg)
{
	const struct query_tree_node *nodes = arg;
	const struct query_tree_node *x = &nodes[*(const int *)a], *y = &nodes[*(const int *)b];
	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

/* Link every node under its parent, children sorted by total descending. */
static void tree_link(struct query_tree *t)
{
	int *order = xmalloc((t->nnodes + 1) * sizeof *order);
	for (size_t i = 0; i < t->nnodes; i++)
		order[i] = (int)i;
	/* Sort everything by total, then push in reverse so lists come out in order. */
	qsort_r(order + 1, t->nnodes - 1, sizeof *order, cmp_node_total, t->nodes);
	for (size_t k = t->nnodes; k-- > 1;) {
		struct query_tree_node *n = &t->nodes[order[k]];
		n->next_sibling = t->nodes[n->parent].first_child;
		t->nodes[n->parent].first_child = order[k];
	}
	free(order);
}

struct query_tree *query_tree_build(const struct query_profile *p, enum query_tree_key key)
{
	struct query_tree *t = xcalloc(1, sizeof *t);
	struct tree_builder b = { .t = t };

	imap_init(&b.children);
	tree_child(&b, -1, -1, -1);
	for (size_t i = 0; i < p->nstacks; i++) {
		const struct query_stack *q = &p->stacks[i];
		int node = 0;
		if (!q->kept || q->count == 0)
			continue;
		t->nodes[0].total += q->count;
		for (int k = 0; k < q->nframes; k++) {
			const struct query_frame *f = &p->frames[q->frames[k]];
			node = tree_child(&b, node, f->func, key == QUERY_TREE_FRAME ? q->frames[k] : -1);
			t->nodes[node].total += q->count;
		}
		t->nodes[node].self += q->count;
	}
	imap_done(&b.children);
	tree_link(t);
	return t;
}

void query_tree_free(struct query_tree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t);
}

/* A frame label safe for the collapsed format: no ';' or newline inside. */
static char *collapsed_label(const struct query_frame *f)
{
	char *s = query_frame_label(f);
	for (char *c = s; *c; c++)
		if (*c == ';')
			*c = ':';
		else if (*c == '\n' || *c == '\r')
			*c = ' ';
	return s;
}

int query_write_collapsed(const struct query_profile *p, FILE *out)
{
	char **labels = xcalloc(p->nframes + 1, sizeof *labels);
	int ret = 0;

	for (size_t i = 0; i < p->nframes; i++)
		labels[i] = collapsed_label(&p->frames[i]);
	for (size_t i = 0; i < p->nstacks; i++) {
		const struct query_stack *q = &p->stacks[i];
		if (!q->kept || q->count == 0)
			continue;
		for (int k = 0; k < q->nframes; k++)
			fprintf(out, "%s%s", k ? ";" : "", labels[q->frames[k]]);
		fprintf(out, " %lld\n", (long long)q->count);
	}
	if (ferror(out))
		ret = -1;
	for (size_t i = 0; i < p->nframes; i++)
		free(labels[i]);
	free(labels);
	return ret;
}

/* The diff key and shares of row `i` of a profile's functions or lines. */
static void diff_key(const struct query_profile *p, enum query_diff_by by, size_t i,
		     struct strbuf *key, struct query_diff_row *r, int side)
{
	const char *function, *file;
	int line = 0;
	int64_t self, total;
	double self_pct, total_pct;

	if (by == QUERY_DIFF_FUNCTIONS) {
		const struct query_func *f = &p->funcs[i];
		function = f->function, file = f->file, self = f->self, total = f->total;
		self_pct = f->self_pct, total_pct = f->total_pct;
	} else {
		const struct query_line *l = &p->lines[i];
		function = l->function, file = l->file, line = l->line, self = l->self;
		total = l->total, self_pct = l->self_pct, total_pct = l->total_pct;
	}
	key->len = 0;
	strbuf_printf(key, "%s\037%s\037%d", function, file, line);
	r->function = function, r->file = file, r->line = line;
	if (side == 0)
		r->a_self = self, r->a_total = total, r->a_self_pct = self_pct, r->a_total_pct = total_pct;
	else
		r->b_self = self, r->b_total = total, r->b_self_pct = self_pct, r->b_total_pct = total_pct;
}

static int cmp_delta(const void *a, const void *b)
{
	const struct query_diff_row *x = a, *y = b;
	double dx = fabs(x->delta_pct), dy = fabs(y->delta_pct);
	if (dx != dy)
		return dx < dy ? 1 : -1;
	return strcmp(x->function, y->function);
}

/* Rows are matched by function and file (and line): names, not ids, since
 * the two runs may have interned the same code differently. */
struct query_diff *query_diff_build(const struct query_profile *a, const struct query_profile *b,
				    enum query_diff_by by)
{
	const struct query_profile *side[2] = { a, b };
	struct query_diff *d = xcalloc(1, sizeof *d);
	struct smap keys;
	struct strbuf key;
	size_t cap = 0;

	smap_init(&keys);
	strbuf_init(&key);
	for (int s = 0; s < 2; s++) {
		size_t n = by == QUERY_DIFF_FUNCTIONS ? side[s]->nfuncs : side[s]->nlines;
		for (size_t i = 0; i < n; i++) {
			struct query_diff_row r = { 0 };
			int at;
			diff_key(side[s], by, i, &key, &r, s);
			if ((at = smap_get(&keys, key.buf)) < 0) {
				if (d->nrows == cap) {
					cap = cap ? 2 * cap : 64;
					d->rows = xreallocarray(d->rows, cap, sizeof *d->rows);
				}
				at = (int)d->nrows++;
				d->rows[at] = (struct query_diff_row){ 0 };
				smap_put(&keys, key.buf, at);
			}
			diff_key(side[s], by, i, &key, &d->rows[at], s);
		}
	}
	/* Rows of frames that only filtered-out stacks reach have no samples. */
	cap = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		struct query_diff_row *r = &d->rows[i];
		if (r->a_total || r->b_total) {
			r->delta_pct = r->b_self_pct - r->a_self_pct;
			d->rows[cap++] = *r;
		}
	}
	d->nrows = cap;
	qsort(d->rows, d->nrows, sizeof *d->rows, cmp_delta);
	strbuf_done(&key);
	smap_done(&keys);
	return d;
}

void query_diff_free(struct query_diff *d)
{
	if (!d)
		return;
	free(d->rows);
	free(d);
}
