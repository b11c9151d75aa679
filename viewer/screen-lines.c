/* screen-lines.c — Lines: the hottest source lines with their code; Python,
 * native and system shares when the run has mixed stacks; Enter opens the
 * file annotated. */
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

struct lines_screen {
	struct lines_model m;
	struct view_table t;
	struct query_sources *sources;
};

enum { LC_SELF, LC_TOTAL, LC_BAR, LC_WHERE, LC_FUNC, LC_PY, LC_NAT, LC_SYS, LC_CODE };

static const struct view_column plain_cols[] = {
	{ "Self%", 6, 1, 0 }, { "Total%", 6, 1, 0 }, { "", 8, 0, 1 },
	{ "Line", 18, 0, 0 }, { "Function", 16, 0, 0 }, { "Code", 0, 0, 0 },
};
static const struct view_column mixed_cols[] = {
	{ "Self%", 6, 1, 0 }, { "Total%", 6, 1, 0 }, { "", 8, 0, 1 },
	{ "Line", 18, 0, 0 }, { "Function", 14, 0, 0 },
	{ "Python", 6, 1, 0 }, { "Native", 6, 1, 0 }, { "System", 6, 1, 0 }, { "Code", 0, 0, 0 },
};

/* Column index in the table -> meaning. */
static int lines_col(const struct lines_screen *s, int col)
{
	static const int plain[] = { LC_SELF, LC_TOTAL, LC_BAR, LC_WHERE, LC_FUNC, LC_CODE };
	return s->m.p->mixed ? col : plain[col];
}

static void lines_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct lines_screen *s = arg;
	const struct query_line *l = lines_model_row(&s->m, row);
	int64_t all = s->m.p->total;
	const char *code;

	switch (lines_col(s, col)) {
	case LC_SELF: view_fmt_pct(buf, len, screens_frac(l->self, all)); break;
	case LC_TOTAL: view_fmt_pct(buf, len, screens_frac(l->total, all)); break;
	case LC_BAR: *frac = screens_frac(s->m.sort == RANK_TOTAL ? l->total : l->self, all); break;
	case LC_WHERE: screens_where(buf, len, l->file, l->line, l->module); break;
	case LC_FUNC: snprintf(buf, len, "%s", l->function ? l->function : ""); break;
	case LC_PY: view_fmt_pct(buf, len, screens_frac(l->python, all)); break;
	case LC_NAT: view_fmt_pct(buf, len, screens_frac(l->native, all)); break;
	case LC_SYS: view_fmt_pct(buf, len, screens_frac(l->system, all)); break;
	case LC_CODE:
		code = l->file && l->line > 0 ? query_source_line(s->sources, l->file, l->line) : NULL;
		while (code && (*code == ' ' || *code == '\t'))
			code++;
		snprintf(buf, len, "%s", code ? code : "");
		break;
	}
}

static enum view_role lines_role(void *arg, size_t row)
{
	struct lines_screen *s = arg;
	const struct query_line *l = lines_model_row(&s->m, row);
	return view_heat(screens_frac(l->self, s->m.p->total)) == VR_HOT ? VR_HOT : VR_NORMAL;
}

static void *lines_open(struct viewer *v, const void *arg, char **why)
{
	struct lines_screen *s;

	(void)arg;
	if (!v->prof) {
		hp_fail(why, -EINVAL, "open a profile run first");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	lines_model_init(&s->m, v->prof, RANK_SELF);
	s->sources = v->sources;
	s->t = (struct view_table){ .cols = v->prof->mixed ? mixed_cols : plain_cols,
				    .ncols = v->prof->mixed ? (int)HP_ARRAY_SIZE(mixed_cols) :
							      (int)HP_ARRAY_SIZE(plain_cols),
				    .nrows = s->m.nrows, .cell = lines_cell, .row_role = lines_role,
				    .arg = s };
	return s;
}

static void lines_close(void *state)
{
	struct lines_screen *s = state;
	lines_model_done(&s->m);
	free(s);
}

static void lines_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct lines_screen *s = state;

	(void)v;
	view_putf(y, 0, w, view_attr(VR_DIM), " %zu lines, sorted by %s (s: change)  Enter: annotate",
		  s->m.nrows, s->m.sort == RANK_NAME ? "file and line" : rank_sort_name(s->m.sort));
	view_table_draw(&s->t, y + 1, 0, h - 1, w);
}

static int lines_key(void *state, struct viewer *v, int key)
{
	struct lines_screen *s = state;
	const struct query_line *l = lines_model_row(&s->m, s->t.sel);

	if (view_table_key(&s->t, key))
		return 1;
	switch (key) {
	case 's':
		lines_model_sort(&s->m, (s->m.sort + 1) % RANK_NSORTS);
		s->t.sel = s->t.top = 0;
		return 1;
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: case 'l':
		if (l)
			screens_annotate(v, l->file, l->function, l->line);
		return 1;
	}
	return 0;
}

static void lines_search(void *state, struct viewer *v, const char *text, int next)
{
	struct lines_screen *s = state;
	long i = lines_model_find(&s->m, text, next ? s->t.sel + 1 : s->t.sel);

	if (i >= 0)
		s->t.sel = (size_t)i;
	else if (*text)
		viewer_msg(v, 1, "no line matches '%s'", text);
}

static const char *const lines_keys[] = {
	"s\tsort by self, total, or file and line",
	"Enter l\topen the file annotated, at this line",
	NULL,
};

const struct screen_ops screen_lines_ops = {
	.name = "Lines", .keys = lines_keys, .open = lines_open, .close = lines_close,
	.draw = lines_draw, .key = lines_key, .search = lines_search,
};
