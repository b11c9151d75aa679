/* screen-source.c — Source: one file with each line's share of the samples
 * in the margin and a heat bar, opened at the hot line (like perf annotate). */
#include "config.h"

#include "app.h"
#include "model.h"
#include "screens.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct source_screen {
	struct source_model m;
	struct view_table t;
	int centred;   /* the first draw puts the target line mid-screen */
	int64_t file_total;
};

static const struct view_column plain_cols[] = {
	{ "Self%", 6, 1, 0 }, { "Total%", 6, 1, 0 }, { "", 6, 0, 1 }, { "Line", 6, 1, 0 },
	{ "Source", 0, 0, 0 },
};
static const struct view_column mixed_cols[] = {
	{ "Self%", 6, 1, 0 }, { "Total%", 6, 1, 0 }, { "", 6, 0, 1 },
	{ "Python", 6, 1, 0 }, { "Native", 6, 1, 0 }, { "System", 6, 1, 0 }, { "Line", 6, 1, 0 },
	{ "Source", 0, 0, 0 },
};

/* A share, or blank for lines without samples (easier to read). */
static void share(char *buf, size_t len, int64_t n, int64_t total)
{
	if (n > 0)
		view_fmt_pct(buf, len, screens_frac(n, total));
	else
		buf[0] = '\0';
}

static void source_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct source_screen *s = arg;
	const struct source_line *l = &s->m.lines[row];
	int64_t all = s->m.total;

	if (!s->m.mixed && col >= 3)
		col += 3; /* skip the Python / Native / System columns */
	switch (col) {
	case 0: share(buf, len, l->self, all); break;
	case 1: share(buf, len, l->total, all); break;
	case 2: *frac = screens_frac(l->self, all); break;
	case 3: share(buf, len, l->python, all); break;
	case 4: share(buf, len, l->native, all); break;
	case 5: share(buf, len, l->system, all); break;
	case 6: snprintf(buf, len, "%zu", row + 1); break;
	case 7: snprintf(buf, len, "%s", l->text ? l->text : ""); break;
	}
}

static enum view_role source_role(void *arg, size_t row)
{
	struct source_screen *s = arg;
	const struct source_line *l = &s->m.lines[row];
	if (l->self == 0 && l->total == 0)
		return VR_NORMAL;
	return view_heat(screens_frac(l->self, s->m.total));
}

static void *source_open(struct viewer *v, const void *arg, char **why)
{
	const struct source_arg *a = arg;
	struct source_screen *s;

	if (!v->prof || !a || !a->file) {
		hp_fail(why, -EINVAL, "no file to show");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	source_model_init(&s->m, v->prof, v->sources, a->file);
	if (s->m.nlines == 0) {
		hp_fail(why, -ENOENT, "nothing to show for %s", a->file);
		source_model_done(&s->m);
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < s->m.nlines; i++)
		s->file_total += s->m.lines[i].self;
	s->t = (struct view_table){ .cols = v->prof->mixed ? mixed_cols : plain_cols,
				    .ncols = v->prof->mixed ? (int)HP_ARRAY_SIZE(mixed_cols) :
							      (int)HP_ARRAY_SIZE(plain_cols),
				    .nrows = s->m.nlines, .cell = source_cell, .row_role = source_role,
				    .arg = s };
	s->t.sel = a->line > 0 && (size_t)a->line <= s->m.nlines ? (size_t)a->line - 1 : s->m.hot;
	return s;
}

static void source_close(void *state)
{
	struct source_screen *s = state;
	source_model_done(&s->m);
	free(s);
}

static void source_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct source_screen *s = state;

	(void)v;
	view_putf(y, 0, w, view_attr(VR_DIM), " %s  (%.1f%% of the samples are in this file%s)",
		  s->m.file, 100 * screens_frac(s->file_total, s->m.total),
		  s->m.readable ? "" : "; source not found, showing sampled lines only");
	if (!s->centred) {
		size_t half = (size_t)(h - 2) / 2;
		s->t.top = s->t.sel > half ? s->t.sel - half : 0;
		s->centred = 1;
	}
	view_table_draw(&s->t, y + 1, 0, h - 1, w);
}

static int source_key(void *state, struct viewer *v, int key)
{
	struct source_screen *s = state;

	(void)v;
	if (view_table_key(&s->t, key))
		return 1;
	if (key == 'H') { /* back to the hottest line */
		s->t.sel = s->m.hot;
		s->centred = 0;
		return 1;
	}
	return 0;
}

static void source_search(void *state, struct viewer *v, const char *text, int next)
{
	struct source_screen *s = state;
	size_t n = s->m.nlines;

	for (size_t k = next ? 1 : 0; k < n + 1 && *text; k++) {
		size_t i = (s->t.sel + k) % n;
		if (s->m.lines[i].text && strcasestr(s->m.lines[i].text, text)) {
			s->t.sel = i;
			return;
		}
	}
	if (*text)
		viewer_msg(v, 1, "'%s' is not in this file", text);
}

static const char *const source_keys[] = {
	"H\tback to the hottest line",
	"/ n\tfind text in the file, next match",
	NULL,
};

const struct screen_ops screen_source_ops = {
	.name = "Source", .keys = source_keys, .open = source_open, .close = source_close,
	.draw = source_draw, .key = source_key, .search = source_search,
};
