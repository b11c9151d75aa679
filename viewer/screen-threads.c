/* screen-threads.c — Threads: the run's processes and threads with their
 * samples; Enter makes the selected one the filter of every screen. */
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

struct threads_screen {
	struct query_profile *all;   /* the run without a filter */
	struct threads_model m;
	struct view_table t;
	const struct viewer *v;
};

static const struct view_column threads_cols[] = {
	{ "Samples", 8, 1, 0 }, { "Share", 6, 1, 0 }, { "", 12, 0, 1 }, { "Process / thread", 0, 0, 0 },
};

static int is_current(const struct threads_screen *s, const struct threads_row *r)
{
	return r->pid == s->v->qopts.pid && r->tid == s->v->qopts.tid;
}

static void threads_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct threads_screen *s = arg;
	const struct threads_row *r = &s->m.rows[row];

	switch (col) {
	case 0: view_fmt_count(buf, len, r->samples); break;
	case 1: view_fmt_pct(buf, len, screens_frac(r->samples, s->all->total)); break;
	case 2: *frac = screens_frac(r->samples, s->all->total); break;
	case 3: snprintf(buf, len, "%s %s", is_current(s, r) ? "*" : " ", r->label); break;
	}
}

static enum view_role threads_role(void *arg, size_t row)
{
	struct threads_screen *s = arg;
	return is_current(s, &s->m.rows[row]) ? VR_MARK : VR_NORMAL;
}

static void *threads_open(struct viewer *v, const void *arg, char **why)
{
	struct query_opts all = QUERY_OPTS_INIT;
	struct threads_screen *s;

	(void)arg;
	if (!v->run || strcmp(v->kind, "profile") != 0) {
		hp_fail(why, -EINVAL, "open a profile run first");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	if (query_load(v->st, v->run, &all, &s->all, why) < 0) {
		free(s);
		return NULL;
	}
	s->v = v;
	threads_model_init(&s->m, s->all);
	s->t = (struct view_table){ .cols = threads_cols, .ncols = HP_ARRAY_SIZE(threads_cols),
				    .nrows = s->m.nrows, .cell = threads_cell,
				    .row_role = threads_role, .arg = s };
	for (size_t i = 0; i < s->m.nrows; i++)
		if (is_current(s, &s->m.rows[i]))
			s->t.sel = i;
	return s;
}

static void threads_close(void *state)
{
	struct threads_screen *s = state;
	threads_model_done(&s->m);
	query_free(s->all);
	free(s);
}

static void threads_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct threads_screen *s = state;

	view_putf(y, 0, w, view_attr(VR_DIM), " Enter: show only the selected one on every screen"
		  " (now: %s)", v->filter_label);
	view_table_draw(&s->t, y + 1, 0, h - 1, w);
}

static int threads_key(void *state, struct viewer *v, int key)
{
	struct threads_screen *s = state;
	const struct threads_row *r;
	char label[128];
	const char *l;

	if (view_table_key(&s->t, key))
		return 1;
	if (key != '\n' && key != '\r' && key != KEY_ENTER && key != 'l' && key != KEY_RIGHT)
		return 0;
	if (s->t.sel >= s->m.nrows)
		return 1;
	r = &s->m.rows[s->t.sel];
	for (l = r->label; *l == ' '; l++)
		;
	snprintf(label, sizeof label, "%s", r->pid ? l : "all threads");
	viewer_set_filter(v, r->pid, r->tid, label);
	return 1;
}

static const char *const threads_keys[] = {
	"Enter l\tshow only this process or thread on every screen (first row: all)",
	NULL,
};

const struct screen_ops screen_threads_ops = {
	.name = "Threads", .keys = threads_keys, .open = threads_open, .close = threads_close,
	.draw = threads_draw, .key = threads_key, .search = NULL,
};
