/* screen-tree.c — Tree: the call tree by function, expand/collapse, and a
 * pane with the direct callers and callees of the selected function (`c`). */
#include "config.h"

#include "app.h"
#include "model.h"
#include "screens.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tree_screen {
	struct tree_model m;
	struct view_table t;
	int show_callers;
	struct callers_model cm;
	int cm_func;       /* function the pane was built for, -2 none */
};

static const struct view_column tree_cols[] = {
	{ "Total%", 6, 1, 0 }, { "Self%", 6, 1, 0 }, { "Call tree", 0, 0, 0 }, { "Where", 18, 0, 0 },
};

static const char *func_name(const struct query_profile *p, int f)
{
	return f < 0 ? "all samples" : p->funcs[f].function;
}

static void tree_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct tree_screen *s = arg;
	const struct query_tree_node *n = tree_model_node(&s->m, row);
	const struct query_profile *p = s->m.p;
	const char *mark;
	int indent = n->depth > 30 ? 30 : n->depth;

	(void)frac;
	switch (col) {
	case 0: view_fmt_pct(buf, len, screens_frac(n->total, p->total)); break;
	case 1: view_fmt_pct(buf, len, screens_frac(n->self, p->total)); break;
	case 2:
		if (n->first_child < 0)
			mark = "  ";
		else if (s->m.open[s->m.rows[row]])
			mark = view_utf8() ? "\u25be " : "- ";
		else
			mark = view_utf8() ? "\u25b8 " : "+ ";
		snprintf(buf, len, "%*s%s%s", indent * 2, "", mark, func_name(p, n->func));
		break;
	case 3:
		if (n->func >= 0)
			screens_where(buf, len, p->funcs[n->func].file, p->funcs[n->func].def_line,
				      p->funcs[n->func].module);
		break;
	}
}

static void *tree_open(struct viewer *v, const void *arg, char **why)
{
	struct tree_screen *s;

	(void)arg;
	if (!v->prof) {
		hp_fail(why, -EINVAL, "open a profile run first");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	tree_model_init(&s->m, v->prof);
	s->cm_func = -2;
	s->t = (struct view_table){ .cols = tree_cols, .ncols = HP_ARRAY_SIZE(tree_cols),
				    .nrows = s->m.nrows, .cell = tree_cell, .arg = s };
	return s;
}

static void tree_close(void *state)
{
	struct tree_screen *s = state;
	tree_model_done(&s->m);
	callers_model_done(&s->cm);
	free(s);
}

/* One column of the callers pane: title, then "share name" rows. */
static void draw_edges(const struct query_profile *p, const char *title,
		       const struct caller_row *rows, size_t n, int y, int x, int h, int w)
{
	view_put(y, x, w, view_attr(VR_HEADER), title, 0);
	for (int i = 0; i < h - 1; i++) {
		if ((size_t)i < n)
			view_putf(y + 1 + i, x, w, 0, "%6.1f%%  %s",
				  100 * screens_frac(rows[i].count, p->total),
				  func_name(p, rows[i].func));
		else
			view_put(y + 1 + i, x, w, 0, i == 0 && n == 0 ? "  (none)" : "", 0);
	}
}

static void draw_callers(struct tree_screen *s, int y, int h, int w)
{
	const struct query_tree_node *n = tree_model_node(&s->m, s->t.sel);
	int f = n ? n->func : -1;
	char title[256];

	if (f != s->cm_func) {
		callers_model_done(&s->cm);
		callers_model_init(&s->cm, s->m.p, f);
		s->cm_func = f;
	}
	snprintf(title, sizeof title, " Callers of %s", func_name(s->m.p, f));
	draw_edges(s->m.p, title, s->cm.callers, s->cm.ncallers, y, 0, h, w / 2);
	draw_edges(s->m.p, " Callees", s->cm.callees, s->cm.ncallees, y, w / 2, h, w - w / 2);
}

static void tree_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct tree_screen *s = state;
	int pane = s->show_callers ? h * 2 / 5 : 0;

	(void)v;
	s->t.nrows = s->m.nrows;
	view_put(y, 0, w, view_attr(VR_DIM),
		 " Enter/l expand, h collapse, c callers and callees of the selected function", 0);
	view_table_draw(&s->t, y + 1, 0, h - 1 - pane, w);
	if (pane >= 3)
		draw_callers(s, y + h - pane, pane, w);
}

/* h / Left: close an open node, else go to its parent; 0 at the root. */
static int tree_left(struct tree_screen *s)
{
	const struct query_tree_node *n = tree_model_node(&s->m, s->t.sel);
	long r;

	if (!n)
		return 0;
	if (n->first_child >= 0 && s->m.open[s->m.rows[s->t.sel]]) {
		tree_model_toggle(&s->m, s->t.sel, 0);
		return 1;
	}
	if (n->parent < 0)
		return 0;
	r = tree_model_row_of(&s->m, n->parent);
	if (r >= 0)
		s->t.sel = (size_t)r;
	return 1;
}

static int tree_key(void *state, struct viewer *v, int key)
{
	struct tree_screen *s = state;

	(void)v;
	if (view_table_key(&s->t, key))
		return 1;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		tree_model_toggle(&s->m, s->t.sel, -1);
		return 1;
	case KEY_RIGHT: case 'l':
		tree_model_toggle(&s->m, s->t.sel, 1);
		return 1;
	case KEY_LEFT: case 'h':
		return tree_left(s);
	case 'c':
		s->show_callers = !s->show_callers;
		return 1;
	}
	return 0;
}

static void tree_search(void *state, struct viewer *v, const char *text, int next)
{
	struct tree_screen *s = state;
	long r = tree_model_find(&s->m, text, next ? s->t.sel : (s->t.sel ? s->t.sel - 1 : 0));

	s->t.nrows = s->m.nrows;
	if (r >= 0)
		s->t.sel = (size_t)r;
	else if (*text)
		viewer_msg(v, 1, "no function matches '%s'", text);
}

static const char *const tree_keys[] = {
	"Enter\topen or close the selected node",
	"l Right\topen the node",
	"h Left\tclose the node, or go to its parent",
	"c\tshow or hide the callers and callees of the selected function",
	NULL,
};

const struct screen_ops screen_tree_ops = {
	.name = "Tree", .keys = tree_keys, .open = tree_open, .close = tree_close,
	.draw = tree_draw, .key = tree_key, .search = tree_search,
};
