/* screen-runs.c — Runs: every run of the database, newest first; `/` filters
 * as you type, Enter opens a run, Space marks two runs and `c` compares them. */
#include "config.h"

#include "app.h"
#include "model.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct runs_screen {
	struct runs_model m;
	struct view_table t;
};

static const struct view_column runs_cols[] = {
	{ "  ID", 6, 1, 0 }, { "Kind", 7, 0, 0 }, { "When", 11, 0, 0 },
	{ "Duration", 8, 1, 0 }, { "Samples", 9, 1, 0 }, { "Command", 0, 0, 0 },
	{ "Status", 10, 0, 0 },
};

static void runs_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct runs_screen *s = arg;
	const struct runs_row *r = runs_model_row(&s->m, row);
	time_t t;
	struct tm tm;

	(void)frac;
	switch (col) {
	case 0: snprintf(buf, len, "%s%lld", r->marked ? "*" : " ", (long long)r->id); break;
	case 1: snprintf(buf, len, "%s", r->kind); break;
	case 2:
		t = (time_t)(r->started_ns / 1000000000);
		localtime_r(&t, &tm);
		strftime(buf, len, "%m-%d %H:%M", &tm);
		break;
	case 3:
		if (r->ended_ns > r->started_ns)
			view_fmt_seconds(buf, len, (double)(r->ended_ns - r->started_ns) / 1e9);
		else
			snprintf(buf, len, "-");
		break;
	case 4:
		view_fmt_count(buf, len, r->samples);
		if (strcmp(r->kind, "bench") == 0) /* values, not samples */
			snprintf(buf + strlen(buf), len - strlen(buf), " val");
		break;
	case 5:
		if (r->name[0])
			snprintf(buf, len, "[%s] %s", r->name, r->command);
		else
			snprintf(buf, len, "%s", r->command);
		break;
	case 6: snprintf(buf, len, "%s", r->status); break;
	}
}

static enum view_role runs_role(void *arg, size_t row)
{
	struct runs_screen *s = arg;
	return runs_model_row(&s->m, row)->marked ? VR_MARK : VR_NORMAL;
}

static void *runs_open(struct viewer *v, const void *arg, char **why)
{
	struct runs_screen *s = xcalloc(1, sizeof *s);

	(void)arg;
	if (runs_model_load(&s->m, v->st, why) < 0) {
		runs_model_done(&s->m);
		free(s);
		return NULL;
	}
	s->t = (struct view_table){ .cols = runs_cols, .ncols = HP_ARRAY_SIZE(runs_cols),
				    .nrows = s->m.nrows, .cell = runs_cell, .row_role = runs_role,
				    .arg = s };
	return s;
}

static void runs_close(void *state)
{
	struct runs_screen *s = state;
	runs_model_done(&s->m);
	free(s);
}

static void runs_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct runs_screen *s = state;

	(void)v;
	if (s->m.nall == 0) {
		view_put(y + 1, 2, w - 4, 0, "No runs in this database yet: record one with "
			 "'hprof run COMMAND' or 'hpbench run COMMAND'.", 0);
		return;
	}
	if (s->m.filter[0]) {
		view_putf(y, 0, w, view_attr(VR_DIM), " filter: %s  (%zu of %zu runs)", s->m.filter,
			  s->m.nrows, s->m.nall);
		y++;
		h--;
	}
	view_table_draw(&s->t, y, 0, h, w);
}

/* `c`: compare the two marked runs, which must be of one kind. */
static void runs_compare(struct runs_screen *s, struct viewer *v)
{
	struct compare_arg ca;
	int64_t ids[2];
	char k0[16] = "", k1[16] = "";

	if (runs_model_marked(&s->m, ids) != 2) {
		viewer_msg(v, 1, "mark two runs with Space first, then press c");
		return;
	}
	for (size_t i = 0; i < s->m.nall; i++) {
		if (s->m.all[i].id == ids[0])
			snprintf(k0, sizeof k0, "%s", s->m.all[i].kind);
		if (s->m.all[i].id == ids[1])
			snprintf(k1, sizeof k1, "%s", s->m.all[i].kind);
	}
	if (strcmp(k0, k1) != 0) {
		viewer_msg(v, 1, "cannot compare a %s run with a %s run: mark two of one kind", k0, k1);
		return;
	}
	ca.a = ids[0];
	ca.b = ids[1];
	viewer_push(v, SCR_COMPARE, &ca);
}

static int runs_key(void *state, struct viewer *v, int key)
{
	struct runs_screen *s = state;
	const struct runs_row *r = runs_model_row(&s->m, s->t.sel);
	char *why = NULL;

	if (view_table_key(&s->t, key))
		return 1;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: case 'l':
		if (r && viewer_open_run(v, r->id, &why) < 0) {
			viewer_msg(v, 1, "%s", why ? why : "cannot open the run");
			free(why);
		}
		return 1;
	case ' ': case 'm':
		if (r)
			viewer_msg(v, 0, "%d run(s) marked%s", runs_model_mark(&s->m, s->t.sel),
				   runs_model_marked(&s->m, (int64_t[2]){ 0 }) == 2 ?
				   ": press c to compare" : "");
		return 1;
	case 'c':
		runs_compare(s, v);
		return 1;
	case 27:
		if (!s->m.filter[0])
			return 0;
		runs_model_filter(&s->m, "");
		s->t.nrows = s->m.nrows;
		return 1;
	}
	return 0;
}

static void runs_search(void *state, struct viewer *v, const char *text, int next)
{
	struct runs_screen *s = state;

	(void)v;
	if (next)
		return;
	runs_model_filter(&s->m, text);
	s->t.nrows = s->m.nrows;
	s->t.sel = s->t.top = 0;
}

static const char *const runs_keys[] = {
	"Enter l\topen the selected run",
	"Space m\tmark the run (two marks: compare them)",
	"c\tcompare the two marked runs",
	"/\tfilter the runs as you type (Esc clears)",
	"0-9 a-z\tkeys no command uses start the filter too (e.g. a run id)",
	NULL,
};

const struct screen_ops screen_runs_ops = {
	.name = "Runs", .keys = runs_keys, .open = runs_open, .close = runs_close,
	.draw = runs_draw, .key = runs_key, .search = runs_search, .type_to_search = 1,
};
