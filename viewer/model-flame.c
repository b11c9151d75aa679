/* model-flame.c — the Flame screen's layout: an icicle graph (callers above
 * callees) of the function call tree, widths proportional to samples. */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void flame_model_init(struct flame_model *m, const struct query_profile *p)
{
	memset(m, 0, sizeof *m);
	m->p = p;
	m->tree = query_tree_build(p, QUERY_TREE_FUNCTION);
}

void flame_model_done(struct flame_model *m)
{
	query_tree_free(m->tree);
	free(m->cells);
	memset(m, 0, sizeof *m);
}

/* Place `node` starting `offset` samples into the zoom root's total. */
static void place(struct flame_model *m, int node, int depth, int64_t offset, int64_t ztotal)
{
	const struct query_tree_node *n = &m->tree->nodes[node];
	int x0 = (int)((double)offset * m->width / (double)ztotal + 0.5);
	int x1 = (int)((double)(offset + n->total) * m->width / (double)ztotal + 0.5);
	int64_t child_off = offset;

	if (x1 - x0 < 1)
		return;
	m->cells = xreallocarray(m->cells, m->ncells + 1, sizeof *m->cells);
	m->cells[m->ncells++] = (struct flame_cell){ .node = node, .depth = depth, .x = x0,
						     .w = x1 - x0 };
	if ((size_t)depth + 1 > m->maxdepth)
		m->maxdepth = (size_t)depth + 1;
	for (int c = n->first_child; c >= 0; c = m->tree->nodes[c].next_sibling) {
		place(m, c, depth + 1, child_off, ztotal);
		child_off += m->tree->nodes[c].total;
	}
}

void flame_model_layout(struct flame_model *m, int zoom, int width)
{
	free(m->cells);
	m->cells = NULL;
	m->ncells = m->maxdepth = 0;
	m->width = width;
	if (!m->tree->nnodes)
		return;
	if (zoom < 0 || (size_t)zoom >= m->tree->nnodes)
		zoom = 0;
	m->zoom = zoom;
	if (m->tree->nodes[zoom].total > 0 && width > 0)
		place(m, zoom, 0, 0, m->tree->nodes[zoom].total);
}

long flame_model_cell_of(const struct flame_model *m, int node)
{
	for (size_t i = 0; i < m->ncells; i++)
		if (m->cells[i].node == node)
			return (long)i;
	return -1;
}

/* The nearest cell of row `depth` strictly left (dir < 0) or right of x. */
static long sideways(const struct flame_model *m, int depth, int x, int dir)
{
	long best = -1;
	for (size_t i = 0; i < m->ncells; i++) {
		const struct flame_cell *c = &m->cells[i];
		if (c->depth != depth || (dir < 0 ? c->x >= x : c->x <= x))
			continue;
		if (best < 0 || (dir < 0 ? c->x > m->cells[best].x : c->x < m->cells[best].x))
			best = (long)i;
	}
	return best;
}

long flame_model_move(const struct flame_model *m, size_t c, int dir)
{
	const struct flame_cell *cell;
	long r = -1;

	if (c >= m->ncells)
		return m->ncells ? 0 : -1;
	cell = &m->cells[c];
	switch (dir) {
	case 'h': r = sideways(m, cell->depth, cell->x, -1); break;
	case 'l': r = sideways(m, cell->depth, cell->x, 1); break;
	case 'k': r = flame_model_cell_of(m, m->tree->nodes[cell->node].parent); break;
	case 'j':
		for (int ch = m->tree->nodes[cell->node].first_child; ch >= 0 && r < 0;
		     ch = m->tree->nodes[ch].next_sibling)
			r = flame_model_cell_of(m, ch);
		break;
	}
	return r < 0 ? (long)c : r;
}

const char *flame_model_name(const struct flame_model *m, int node)
{
	int f = m->tree->nodes[node].func;
	return f < 0 ? "all" : m->p->funcs[f].function;
}
