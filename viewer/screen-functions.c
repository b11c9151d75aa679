/* screen-functions.c — Functions: self and total samples of every function,
 * a bar per row; `s` changes the order, `/` finds, Enter annotates its source. */
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

struct funcs_screen {
	struct funcs_model m;
	struct view_table t;
};

static const struct view_column funcs_cols[] = {
	{ "Self", 7, 1, 0 }, { "Self%", 6, 1, 0 }, { "Total", 7, 1, 0 }, { "Total%", 6, 1, 0 },
	{ "", 10, 0, 1 }, { "Function", 0, 0, 0 }, { "Where", 20, 0, 0 },
};

static void funcs_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct funcs_screen *s = arg;
	const struct query_func *f = funcs_model_row(&s->m, row);
	int64_t all = s->m.p->total;

	switch (col) {
	case 0: view_fmt_count(buf, len, f->self); break;
	case 1: view_fmt_pct(buf, len, screens_frac(f->self, all)); break;
	case 2: view_fmt_count(buf, len, f->total); break;
	case 3: view_fmt_pct(buf, len, screens_frac(f->total, all)); break;
	case 4: *frac = screens_frac(s->m.sort == RANK_TOTAL ? f->total : f->self, all); break;
	case 5: snprintf(buf, len, "%s", f->function); break;
	case 6: screens_where(buf, len, f->file, f->def_line, f->module); break;
	}
}

static enum view_role funcs_role(void *arg, size_t row)
{
	struct funcs_screen *s = arg;
	const struct query_func *f = funcs_model_row(&s->m, row);
	return view_heat(screens_frac(f->self, s->m.p->total)) == VR_HOT ? VR_HOT : VR_NORMAL;
}

static void *funcs_open(struct viewer *v, const void *arg, char **why)
{
	struct funcs_screen *s;

	(void)arg;
	if (!v->prof) {
		hp_fail(why, -EINVAL, "open a profile run first");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	funcs_model_init(&s->m, v->prof, RANK_SELF);
	s->t = (struct view_table){ .cols = funcs_cols, .ncols = HP_ARRAY_SIZE(funcs_cols),
				    .nrows = s->m.nrows, .cell = funcs_cell, .row_role = funcs_role,
				    .arg = s };
	return s;
}

static void funcs_close(void *state)
{
	struct funcs_screen *s = state;
	funcs_model_done(&s->m);
	free(s);
}

static void funcs_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct funcs_screen *s = state;

	view_putf(y, 0, w, view_attr(VR_DIM), " %zu functions, sorted by %s (s: change)%s",
		  s->m.nrows, rank_sort_name(s->m.sort),
		  v->prof->total ? "" : "  -- no samples in this selection");
	view_table_draw(&s->t, y + 1, 0, h - 1, w);
}

static int funcs_key(void *state, struct viewer *v, int key)
{
	struct funcs_screen *s = state;
	const struct query_func *f = funcs_model_row(&s->m, s->t.sel);

	if (view_table_key(&s->t, key))
		return 1;
	switch (key) {
	case 's':
		funcs_model_sort(&s->m, (s->m.sort + 1) % RANK_NSORTS);
		s->t.sel = s->t.top = 0;
		return 1;
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: case 'l':
		if (f)
			screens_annotate(v, f->file, f->function, 0);
		return 1;
	}
	return 0;
}

static void funcs_search(void *state, struct viewer *v, const char *text, int next)
{
	struct funcs_screen *s = state;
	long i = funcs_model_find(&s->m, text, next ? s->t.sel + 1 : s->t.sel);

	if (i >= 0)
		s->t.sel = (size_t)i;
	else if (*text)
		viewer_msg(v, 1, "no function matches '%s'", text);
}

static const char *const funcs_keys[] = {
	"s\tsort by self, total or name",
	"Enter l\tshow the function's source, each line's share in the margin",
	NULL,
};

const struct screen_ops screen_functions_ops = {
	.name = "Functions", .keys = funcs_keys, .open = funcs_open, .close = funcs_close,
	.draw = funcs_draw, .key = funcs_key, .search = funcs_search,
};
