/* screen-flame.c — Flame: an icicle graph of the call tree (callers above
 * their callees, widths proportional to samples, names where they fit);
 * Enter zooms into a frame, Esc backs out. */
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

struct flame_screen {
	struct flame_model m;
	int zoom, sel_node;
	int laid_zoom, laid_width;
	size_t top_depth;   /* first depth drawn when the graph is taller than the screen */
};

static void *flame_open(struct viewer *v, const void *arg, char **why)
{
	struct flame_screen *s;

	(void)arg;
	if (!v->prof) {
		hp_fail(why, -EINVAL, "open a profile run first");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	flame_model_init(&s->m, v->prof);
	s->laid_zoom = s->laid_width = -1;
	return s;
}

static void flame_close(void *state)
{
	struct flame_screen *s = state;
	flame_model_done(&s->m);
	free(s);
}

/* Lay out again when the zoom or the width changed; keep a valid selection. */
static void relayout(struct flame_screen *s, int w)
{
	if (s->laid_zoom != s->zoom || s->laid_width != w) {
		flame_model_layout(&s->m, s->zoom, w);
		s->laid_zoom = s->zoom;
		s->laid_width = w;
	}
	if (flame_model_cell_of(&s->m, s->sel_node) < 0)
		s->sel_node = s->zoom;
}

static int cell_attr(const struct flame_screen *s, const struct flame_cell *c)
{
	if (c->node == s->sel_node)
		return view_attr(VR_SELECT) | A_BOLD;
	return view_attr((enum view_role)(VR_FLAME1 + (c->depth + c->x) % 3));
}

static void draw_info(struct flame_screen *s, int y, int w)
{
	const struct query_tree_node *n = &s->m.tree->nodes[s->sel_node];
	const struct query_profile *p = s->m.p;
	char where[128] = "";

	if (n->func >= 0)
		screens_where(where, sizeof where, p->funcs[n->func].file, p->funcs[n->func].def_line,
			      p->funcs[n->func].module);
	view_putf(y, 0, w, view_attr(VR_HEADER), " %s %s  total %.1f%%  self %.1f%%  (%lld samples)%s",
		  flame_model_name(&s->m, s->sel_node), where,
		  100 * screens_frac(n->total, p->total), 100 * screens_frac(n->self, p->total),
		  (long long)n->total, s->zoom ? "  zoomed: Esc backs out" : "  Enter zooms in");
}

static void flame_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct flame_screen *s = state;
	long sc;
	size_t rows = h > 2 ? (size_t)h - 2 : 1, sel_depth;

	(void)v;
	if (!s->m.tree->nnodes || s->m.p->total == 0) {
		view_put(y + 1, 2, w - 2, 0, "No samples to draw.", 0);
		return;
	}
	relayout(s, w);
	sc = flame_model_cell_of(&s->m, s->sel_node);
	sel_depth = sc >= 0 ? (size_t)s->m.cells[sc].depth : 0;
	if (sel_depth < s->top_depth)
		s->top_depth = sel_depth;
	if (sel_depth >= s->top_depth + rows)
		s->top_depth = sel_depth - rows + 1;
	draw_info(s, y, w);
	for (size_t i = 0; i < s->m.ncells; i++) {
		const struct flame_cell *c = &s->m.cells[i];
		size_t d = (size_t)c->depth;
		if (d < s->top_depth || d >= s->top_depth + rows)
			continue;
		/* Under 3 columns a name would be all ellipsis: colour only. */
		view_put(y + 1 + (int)(d - s->top_depth), c->x, c->w, cell_attr(s, c),
			 c->w < 3 ? "" : flame_model_name(&s->m, c->node), 0);
	}
	view_putf(y + h - 1, 0, w, view_attr(VR_DIM), " depth %zu-%zu of %zu  hjkl/arrows move",
		  s->top_depth + 1, s->top_depth + rows < s->m.maxdepth ? s->top_depth + rows :
		  s->m.maxdepth, s->m.maxdepth);
}

static int flame_key(void *state, struct viewer *v, int key)
{
	struct flame_screen *s = state;
	long c = flame_model_cell_of(&s->m, s->sel_node);
	int dir = 0;

	(void)v;
	switch (key) {
	case KEY_LEFT: case 'h': dir = 'h'; break;
	case KEY_RIGHT: case 'l': dir = 'l'; break;
	case KEY_UP: case 'k': dir = 'k'; break;
	case KEY_DOWN: case 'j': dir = 'j'; break;
	case '\n': case '\r': case KEY_ENTER:
		s->zoom = s->sel_node;
		return 1;
	case 27: case KEY_BACKSPACE: case 127: case 8:
		if (!s->zoom)
			return 0;
		s->sel_node = s->zoom;
		s->zoom = s->m.tree->nodes[s->zoom].parent;
		if (s->zoom < 0)
			s->zoom = 0;
		return 1;
	default:
		return 0;
	}
	if (c >= 0)
		s->sel_node = s->m.cells[flame_model_move(&s->m, (size_t)c, dir)].node;
	return 1;
}

static void flame_search(void *state, struct viewer *v, const char *text, int next)
{
	struct flame_screen *s = state;
	size_t n = s->m.ncells;
	long c = flame_model_cell_of(&s->m, s->sel_node);

	for (size_t k = next ? 1 : 0; k <= n && *text && n; k++) {
		size_t i = ((size_t)(c < 0 ? 0 : c) + k) % n;
		if (strcasestr(flame_model_name(&s->m, s->m.cells[i].node), text)) {
			s->sel_node = s->m.cells[i].node;
			return;
		}
	}
	if (*text)
		viewer_msg(v, 1, "no frame on screen matches '%s'", text);
}

static const char *const flame_keys[] = {
	"h l\tthe frame left or right on the same level",
	"k j\tthe caller above, the biggest callee below",
	"Enter\tzoom into the selected frame (it takes the full width)",
	"Esc Backspace\tzoom back out one level (at the top: previous screen)",
	NULL,
};

const struct screen_ops screen_flame_ops = {
	.name = "Flame", .keys = flame_keys, .open = flame_open, .close = flame_close,
	.draw = flame_draw, .key = flame_key, .search = flame_search,
};
