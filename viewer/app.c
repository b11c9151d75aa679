/* app.c — hpview's main loop: the screen stack, the keys every screen
 * shares (q, Tab, Esc, ?, /, n), the title and status lines and the search
 * prompt. */
#include "config.h"

#include "app.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The screens Tab cycles through, per kind of run. */
static const enum screen_id profile_cycle[] = { SCR_RUNS, SCR_FUNCTIONS, SCR_LINES, SCR_TREE,
						SCR_FLAME, SCR_THREADS };
static const enum screen_id bench_cycle[] = { SCR_RUNS, SCR_BENCH };

struct prompt {
	int active;
	char text[256];
};

void viewer_msg(struct viewer *v, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
	v->msg_error = error;
}

int viewer_push(struct viewer *v, enum screen_id id, const void *arg)
{
	char *why = NULL;
	void *s;

	if (v->depth >= VIEWER_MAX_DEPTH) {
		viewer_msg(v, 1, "too many screens open: go back with Esc first");
		return -1;
	}
	s = screen_table[id]->open(v, arg, &why);
	if (!s) {
		viewer_msg(v, 1, "%s: %s", screen_table[id]->name, why ? why : "cannot open");
		free(why);
		return -1;
	}
	v->stack[v->depth++] = (struct viewer_screen){ .id = id, .state = s };
	return 0;
}

void viewer_pop(struct viewer *v)
{
	struct viewer_screen *top;

	if (v->depth <= 1)
		return;
	top = &v->stack[--v->depth];
	screen_table[top->id]->close(top->state);
}

const struct screen_ops *viewer_top(const struct viewer *v)
{
	return v->depth >= 1 ? screen_table[v->stack[v->depth - 1].id] : NULL;
}

static void pop_to(struct viewer *v, int depth)
{
	while (v->depth > depth && v->depth > 1)
		viewer_pop(v);
}

/* (Re)load the open profile run under the current thread filter. */
static int load_profile(struct viewer *v, char **why)
{
	struct query_profile *p = NULL;
	int ret = query_load(v->st, v->run, &v->qopts, &p, why);

	if (ret < 0)
		return ret;
	if (v->prof)
		query_free(v->prof);
	v->prof = p;
	if (v->sources)
		query_sources_free(v->sources);
	v->sources = query_sources_new(p->run.cwd && *p->run.cwd ? p->run.cwd : NULL);
	return 0;
}

static const char *run_kind(struct viewer *v, int64_t id)
{
	static char kind[16];
	sqlite3_stmt *s = store_stmt(v->st, "SELECT kind FROM runs WHERE id = ?", NULL);

	kind[0] = '\0';
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(kind, sizeof kind, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return kind[0] ? kind : NULL;
}

int viewer_open_run(struct viewer *v, int64_t id, char **why)
{
	const char *kind = run_kind(v, id);
	int ret;

	if (!kind)
		return hp_fail(why, -ENOENT, "no run %lld in %s", (long long)id, v->db_path);
	pop_to(v, 1);
	v->run = id;
	snprintf(v->kind, sizeof v->kind, "%s", kind);
	v->qopts = (struct query_opts)QUERY_OPTS_INIT;
	snprintf(v->filter_label, sizeof v->filter_label, "all threads");
	if (strcmp(kind, "bench") == 0)
		return viewer_push(v, SCR_BENCH, NULL) < 0 ? -EIO : 0;
	if ((ret = load_profile(v, why)) < 0) {
		v->run = 0;
		return ret;
	}
	return viewer_push(v, SCR_FUNCTIONS, NULL) < 0 ? -EIO : 0;
}

int viewer_set_filter(struct viewer *v, int pid, int tid, const char *label)
{
	struct query_opts old = v->qopts;
	char *why = NULL;

	v->qopts.pid = pid;
	v->qopts.tid = tid;
	if (load_profile(v, &why) < 0) {
		viewer_msg(v, 1, "filter: %s", why);
		free(why);
		v->qopts = old;
		return -1;
	}
	snprintf(v->filter_label, sizeof v->filter_label, "%s", label);
	viewer_msg(v, 0, "showing %s", label);
	return 0;
}

/* Tab: the next (dir 1) or previous (-1) screen of the open run's cycle. */
static void cycle(struct viewer *v, int dir)
{
	int bench = strcmp(v->kind, "bench") == 0;
	const enum screen_id *c = bench ? bench_cycle : profile_cycle;
	int n = bench ? (int)HP_ARRAY_SIZE(bench_cycle) : (int)HP_ARRAY_SIZE(profile_cycle);
	int at = 0, depth = v->depth;

	if (!v->run) {
		viewer_msg(v, 0, "open a run first: select it and press Enter");
		return;
	}
	/* Where in the cycle are we: the topmost screen of the stack in it. */
	for (int d = v->depth - 1; d >= 0; d--) {
		for (int i = 0; i < n; i++)
			if (c[i] == v->stack[d].id) {
				at = i;
				depth = d;
				d = -1;
				break;
			}
	}
	at = (at + dir + n) % n;
	pop_to(v, depth < 1 ? 1 : depth);
	if (v->depth > 1 && v->stack[v->depth - 1].id != SCR_RUNS)
		viewer_pop(v);
	if (c[at] != SCR_RUNS)
		viewer_push(v, c[at], NULL);
}

static void draw_title(struct viewer *v, int w)
{
	char buf[512];

	if (v->run && v->prof && strcmp(v->kind, "profile") == 0)
		snprintf(buf, sizeof buf, " hpview  run %lld  %s  %lld samples  %s", (long long)v->run,
			 v->prof->run.command ? v->prof->run.command : "", (long long)v->prof->total,
			 v->filter_label);
	else if (v->run)
		snprintf(buf, sizeof buf, " hpview  run %lld  benchmark  %s", (long long)v->run,
			 v->db_path);
	else
		snprintf(buf, sizeof buf, " hpview  %s", v->db_path);
	view_put(0, 0, w, view_attr(VR_TITLE), buf, 0);
}

static void draw_status(struct viewer *v, const struct prompt *pr, int y, int w)
{
	struct strbuf sb;
	const struct screen_ops *top = screen_table[v->stack[v->depth - 1].id];

	strbuf_init(&sb);
	if (pr->active) {
		strbuf_printf(&sb, "/%s", pr->text);
		view_put(y, 0, w, view_attr(VR_STATUS), sb.buf, 0);
		curs_set(1);
		move(y, view_strwidth(sb.buf) < w ? view_strwidth(sb.buf) : w - 1);
	} else {
		strbuf_printf(&sb, " %s ", top->name);
		if (v->msg[0])
			strbuf_printf(&sb, "| %s ", v->msg);
		view_put(y, 0, w, view_attr(v->msg_error ? VR_ERROR : VR_STATUS), sb.buf, 0);
		if (w > 40 + view_strwidth(sb.buf))
			view_put(y, w - 38, 38, view_attr(VR_STATUS), "Tab screens  / search  ? help  q quit ", 1);
		curs_set(0);
	}
	strbuf_done(&sb);
}

static void draw(struct viewer *v, const struct prompt *pr)
{
	struct viewer_screen *top = &v->stack[v->depth - 1];
	int h = LINES, w = COLS;

	erase();
	if (h < 4 || w < 20) {
		view_put(0, 0, w, 0, "terminal too small", 0);
		refresh();
		return;
	}
	draw_title(v, w);
	screen_table[top->id]->draw(top->state, v, 1, h - 2, w);
	draw_status(v, pr, h - 1, w);
	refresh();
}

/* The search prompt's keys; the screen searches as the text changes. */
static void prompt_key(struct viewer *v, struct prompt *pr, int code, wint_t wc)
{
	struct viewer_screen *top = &v->stack[v->depth - 1];
	const struct screen_ops *ops = screen_table[top->id];
	size_t len = strlen(pr->text);

	if (code == KEY_CODE_YES && (wc == KEY_BACKSPACE)) {
		wc = 127;
		code = OK;
	}
	if (code != OK)
		return;
	if (wc == 27) {
		pr->active = 0;
		return;
	}
	if (wc == '\n' || wc == '\r') {
		pr->active = 0;
		return;
	}
	if (wc == 127 || wc == 8) {
		while (len > 0 && (pr->text[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		pr->text[len] = '\0';
	} else if (wc >= 32) {
		char mb[MB_LEN_MAX + 1];
		mbstate_t ps;
		size_t k;
		memset(&ps, 0, sizeof ps);
		k = wcrtomb(mb, (wchar_t)wc, &ps);
		if (k == (size_t)-1 || len + k >= sizeof pr->text)
			return;
		memcpy(pr->text + len, mb, k);
		pr->text[len + k] = '\0';
	}
	ops->search(top->state, v, pr->text, 0);
}

/* r: read the database again (a run still being recorded, new runs): the
 * Runs screen and the run's screen, from scratch. */
static void reload(struct viewer *v)
{
	enum screen_id top = v->stack[v->depth - 1].id;
	char *why = NULL;
	void *runs;

	while (v->depth > 1)
		viewer_pop(v);
	runs = screen_table[SCR_RUNS]->open(v, NULL, &why);
	if (runs) {
		screen_table[SCR_RUNS]->close(v->stack[0].state);
		v->stack[0].state = runs;
	}
	if (v->run && strcmp(v->kind, "profile") == 0 && load_profile(v, &why) < 0)
		v->run = 0;
	if (why) {
		viewer_msg(v, 1, "%s", why);
		free(why);
		return;
	}
	if (v->run && top != SCR_RUNS && top != SCR_HELP && top != SCR_SOURCE && top != SCR_COMPARE)
		viewer_push(v, top, NULL);
	viewer_msg(v, 0, "reloaded");
}

/* Keys no screen took. */
static void shared_key(struct viewer *v, struct prompt *pr, int key)
{
	const struct screen_ops *ops = screen_table[v->stack[v->depth - 1].id];

	switch (key) {
	case '\t': cycle(v, 1); break;
	case KEY_BTAB: cycle(v, -1); break;
	case 27: case KEY_BACKSPACE: case 127: case 8: case KEY_LEFT: case 'h':
		if (v->depth > 1)
			viewer_pop(v);
		break;
	case '?':
		if (v->stack[v->depth - 1].id != SCR_HELP)
			viewer_push(v, SCR_HELP, NULL);
		else
			viewer_pop(v);
		break;
	case '/':
		if (!ops->search) {
			viewer_msg(v, 0, "no search on this screen");
			break;
		}
		pr->active = 1;
		pr->text[0] = '\0';
		break;
	case 'n':
		if (ops->search && pr->text[0])
			ops->search(v->stack[v->depth - 1].state, v, pr->text, 1);
		break;
	case 'r':
		reload(v);
		break;
	case 12: /* Ctrl-L */
		clearok(curscr, TRUE);
		break;
	default:
		/* Runs: typing a character no key uses starts the filter with it. */
		if (ops->type_to_search && key > ' ' && key < 127) {
			pr->active = 1;
			pr->text[0] = (char)key;
			pr->text[1] = '\0';
			ops->search(v->stack[v->depth - 1].state, v, pr->text, 0);
		}
		break;
	}
}

static void handle_key(struct viewer *v, struct prompt *pr, int code, wint_t wc)
{
	struct viewer_screen *top = &v->stack[v->depth - 1];
	int key = (int)wc;

	if (pr->active) {
		prompt_key(v, pr, code, wc);
		return;
	}
	if (code == OK && wc >= 128)
		return; /* no command is a non-ASCII character */
	if (code == KEY_CODE_YES && wc == KEY_RESIZE)
		return;
	v->msg[0] = '\0';
	if (code == OK && key == 'q') {
		v->quit = 1;
		return;
	}
	if (code == OK && (key == '\t' || key == '?' || key == '/'))
		shared_key(v, pr, key);
	else if (!screen_table[top->id]->key(top->state, v, key))
		shared_key(v, pr, key);
}

int viewer_run(struct viewer *v, int64_t run, int exit_after_draw)
{
	struct prompt pr = { 0 };
	char *why = NULL;
	int sig;

	if (viewer_push(v, SCR_RUNS, NULL) < 0)
		return HP_EXIT_FAIL;
	if (run && viewer_open_run(v, run, &why) < 0) {
		viewer_msg(v, 1, "%s", why ? why : "cannot open the run");
		free(why);
	}
	timeout(250);
	while (!v->quit && !(sig = view_term_signalled())) {
		wint_t wc;
		int code;
		draw(v, &pr);
		if (exit_after_draw)
			break;
		code = get_wch(&wc);
		if (code == ERR)
			continue;
		handle_key(v, &pr, code, wc);
	}
	sig = view_term_signalled();
	while (v->depth > 0) {
		struct viewer_screen *top = &v->stack[--v->depth];
		screen_table[top->id]->close(top->state);
	}
	if (v->prof)
		query_free(v->prof);
	if (v->sources)
		query_sources_free(v->sources);
	if (sig)
		view_term_reraise(sig);
	return HP_EXIT_OK;
}
