/* model-tree.c — the Tree screen's rows: the call tree by function with
 * expand/collapse, and the direct callers and callees of one function. */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void add_visible(struct tree_model *m, int node)
{
	const struct query_tree_node *nodes = m->tree->nodes;

	m->rows[m->nrows++] = node;
	if (!m->open[node])
		return;
	for (int c = nodes[node].first_child; c >= 0; c = nodes[c].next_sibling)
		add_visible(m, c);
}

/* Recompute the visible rows after a node opened or closed. */
static void relist(struct tree_model *m)
{
	m->nrows = 0;
	if (m->tree->nnodes)
		add_visible(m, 0);
}

void tree_model_init(struct tree_model *m, const struct query_profile *p)
{
	memset(m, 0, sizeof *m);
	m->p = p;
	m->tree = query_tree_build(p, QUERY_TREE_FUNCTION);
	m->open = xcalloc(m->tree->nnodes + 1, 1);
	m->rows = xcalloc(m->tree->nnodes + 1, sizeof *m->rows);
	/* Open the hottest path: where a reader looks first. */
	for (int n = m->tree->nnodes ? 0 : -1; n >= 0; n = m->tree->nodes[n].first_child)
		m->open[n] = 1;
	relist(m);
}

void tree_model_done(struct tree_model *m)
{
	query_tree_free(m->tree);
	free(m->open);
	free(m->rows);
	memset(m, 0, sizeof *m);
}

void tree_model_toggle(struct tree_model *m, size_t row, int open)
{
	if (row >= m->nrows)
		return;
	m->open[m->rows[row]] = open < 0 ? !m->open[m->rows[row]] : (unsigned char)open;
	relist(m);
}

void tree_model_reveal(struct tree_model *m, int node)
{
	for (int n = m->tree->nodes[node].parent; n >= 0; n = m->tree->nodes[n].parent)
		m->open[n] = 1;
	relist(m);
}

long tree_model_row_of(const struct tree_model *m, int node)
{
	for (size_t i = 0; i < m->nrows; i++)
		if (m->rows[i] == node)
			return (long)i;
	return -1;
}

const struct query_tree_node *tree_model_node(const struct tree_model *m, size_t row)
{
	return row < m->nrows ? &m->tree->nodes[m->rows[row]] : NULL;
}

/* Search every node, visible or not, in tree order after row `from`; the
 * match is revealed.  Returns its row or -1. */
long tree_model_find(const struct tree_model *m, const char *text, size_t from)
{
	struct tree_model *mm = (struct tree_model *)m;
	int start = from < m->nrows ? m->rows[from] : 0;
	size_t n = m->tree->nnodes;

	for (size_t k = 1; k <= n && *text; k++) {
		int node = (int)((size_t)(start + (int)k) % n);
		int f = m->tree->nodes[node].func;
		if (f < 0 || !strcasestr(m->p->funcs[f].function, text))
			continue;
		tree_model_reveal(mm, node);
		return tree_model_row_of(m, node);
	}
	return -1;
}

static int cmp_caller(const void *x, const void *y)
{
	const struct caller_row *a = x, *b = y;
	return a->count > b->count ? -1 : a->count < b->count;
}

/* Add `count` to func's row in *rows unless already counted for this stack. */
static void tally(struct caller_row **rows, size_t *n, int func, int64_t count, int *stamp,
		  int mark)
{
	if (stamp[func] == mark)
		return;
	stamp[func] = mark;
	for (size_t i = 0; i < *n; i++)
		if ((*rows)[i].func == func) {
			(*rows)[i].count += count;
			return;
		}
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[(*n)++] = (struct caller_row){ .func = func, .count = count };
}

void callers_model_init(struct callers_model *m, const struct query_profile *p, int func)
{
	int *up = xcalloc(p->nfuncs + 1, sizeof *up);
	int *down = xcalloc(p->nfuncs + 1, sizeof *down);

	memset(m, 0, sizeof *m);
	m->func = func;
	for (size_t s = 0; s < p->nstacks; s++) {
		const struct query_stack *st = &p->stacks[s];
		if (!st->kept)
			continue;
		for (int i = 0; i < st->nframes; i++) {
			if (p->frames[st->frames[i]].func != func)
				continue;
			if (i > 0)
				tally(&m->callers, &m->ncallers, p->frames[st->frames[i - 1]].func,
				      st->count, up, (int)s + 1);
			if (i + 1 < st->nframes)
				tally(&m->callees, &m->ncallees, p->frames[st->frames[i + 1]].func,
				      st->count, down, (int)s + 1);
		}
	}
	if (m->ncallers > 1)
		qsort(m->callers, m->ncallers, sizeof *m->callers, cmp_caller);
	if (m->ncallees > 1)
		qsort(m->callees, m->ncallees, sizeof *m->callees, cmp_caller);
	free(up);
	free(down);
}

void callers_model_done(struct callers_model *m)
{
	free(m->callers);
	free(m->callees);
	memset(m, 0, sizeof *m);
}
