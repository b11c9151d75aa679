/* cmd-top.c — hprof top: a live table of the hottest functions or lines of a
 * process, like `py-spy top`.
 *
 * A child process runs the ordinary sampling session (session_run or
 * session_attach, exactly what `hprof run` / `hprof attach` do), which
 * flushes the samples to the database every AGGREGATE_FLUSH_NS; the parent
 * draws hpview's table widgets (viewer/libview.la) over that run, re-read
 * every refresh.  So top needs no second sampling path, and what it showed
 * is saved as a normal run that hpview and hprof report can open later. */
#include "config.h"

#include "commands.h"
#include "query.h"
#include "session.h"
#include "util.h"
#include "viewer/model.h"
#include "viewer/view.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { TOP_OPT_REFRESH = SESSION_OPT_NAME + 0x40 };

static const char top_help[] =
	"Shows the hottest functions (or lines, key l) of PID, or of COMMAND run\n"
	"under the profiler, refreshed while it samples: samples so far, error\n"
	"rate, threads, and per row %Own (innermost frame) and %Total (on the stack).\n"
	"The samples are saved as a normal run ('hprof report' or hpview show it).\n"
	"The command's output and hprof's notices are kept aside and printed when\n"
	"top exits.\n"
	"\n"
	"Keys: q quit (COMMAND gets SIGINT, PID is left running), p pause the\n"
	"display, l functions/lines, s or 1/2/3 sort by own/total/name, arrows or\n"
	"j/k and PgUp/PgDn scroll, ? keys.\n"
	"\n"
	"Top options:\n"
	"  -l, --lines            start with the lines table\n"
	"      --refresh SECONDS  redraw interval (default: 1)\n"
	"\n"
	"Exit status: 0 when the samples were saved, 1 when sampling could not\n"
	"start (no such process, not permitted, command not found ...), 2 for a\n"
	"usage error.\n"
	"\n";

struct top {
	struct store *st;
	const char *db_path;
	int64_t after;        /* runs up to this id existed before we started */
	int64_t run;
	pid_t child;
	int child_status;     /* valid when child_done */
	int child_done;
	int lines, paused, help;
	enum rank_sort sort;
	double refresh_s;
	uint64_t last_load_ns;
	struct query_profile *prof;
	struct funcs_model fm;
	struct lines_model lm;
	struct view_table t;
	char *what;           /* "pid 123" or the command */
	char log[PATH_MAX];   /* where the session's stderr goes */
};

static const struct view_column top_cols[] = {
	{ "%Own", 6, 1, 0 }, { "%Total", 6, 1, 0 }, { "OwnTime", 8, 1, 0 },
	{ "TotalTime", 9, 1, 0 }, { "", 8, 0, 1 }, { "Function", 0, 0, 0 }, { "Where", 22, 0, 0 },
};

static double secs(const struct top *t, int64_t n)
{
	double hz = t->prof->run.rate_hz > 0 ? t->prof->run.rate_hz : 1;
	return (double)n / hz;
}

/* One row, from the function or the line table. */
static void top_cell(void *arg, size_t row, int col, char *buf, size_t len, double *frac)
{
	struct top *t = arg;
	const struct query_func *f = t->lines ? NULL : funcs_model_row(&t->fm, row);
	const struct query_line *l = t->lines ? lines_model_row(&t->lm, row) : NULL;
	int64_t own = f ? f->self : l->self, total = f ? f->total : l->total;
	double all = t->prof->total > 0 ? (double)t->prof->total : 1;
	const char *file = f ? f->file : l->file, *base;

	switch (col) {
	case 0: view_fmt_pct(buf, len, (double)own / all); break;
	case 1: view_fmt_pct(buf, len, (double)total / all); break;
	case 2: view_fmt_seconds(buf, len, secs(t, own)); break;
	case 3: view_fmt_seconds(buf, len, secs(t, total)); break;
	case 4: *frac = (double)(t->sort == RANK_TOTAL ? total : own) / all; break;
	case 5: snprintf(buf, len, "%s", f ? f->function : (l->function ? l->function : "")); break;
	case 6:
		base = file && *file ? strrchr(file, '/') : NULL;
		base = base ? base + 1 : (file && *file ? file : (f ? f->module : l->module));
		if (f && f->def_line > 0)
			snprintf(buf, len, "%s:%d", base, f->def_line);
		else if (l && l->line > 0)
			snprintf(buf, len, "%s:%d", base, l->line);
		else
			snprintf(buf, len, "%s", base ? base : "");
		break;
	}
}

/* The run the session created: the first profile run newer than `after`. */
static void find_run(struct top *t)
{
	sqlite3_stmt *s = store_stmt(t->st, "SELECT id FROM runs WHERE kind = 'profile' AND id > ?"
				     " ORDER BY id LIMIT 1", NULL);
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, t->after);
	if (sqlite3_step(s) == SQLITE_ROW)
		t->run = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
}

/* Re-read the run and rebuild the rows, keeping the selection's place. */
static void reload(struct top *t)
{
	struct query_profile *p = NULL;
	struct query_opts all = QUERY_OPTS_INIT;

	t->last_load_ns = hp_now_ns();
	if (!t->run)
		find_run(t);
	if (!t->run || query_load(t->st, t->run, &all, &p, NULL) < 0)
		return;
	if (t->prof) {
		funcs_model_done(&t->fm);
		lines_model_done(&t->lm);
		query_free(t->prof);
	}
	t->prof = p;
	funcs_model_init(&t->fm, p, t->sort);
	lines_model_init(&t->lm, p, t->sort);
	t->t.nrows = t->lines ? t->lm.nrows : t->fm.nrows;
	view_table_clamp(&t->t);
}

static void draw_header(struct top *t, int w)
{
	const struct query_profile *p = t->prof;
	uint64_t now = hp_wall_ns();
	double dur = p ? (double)((p->run.ended_ns ? (uint64_t)p->run.ended_ns : now) -
				  (uint64_t)p->run.started_ns) / 1e9 : 0;
	const char *state = t->child_done ? "  [finished: q quits]" : t->paused ? "  [paused: p resumes]" : "";
	char errs[32];

	view_putf(0, 0, w, view_attr(VR_TITLE), " hprof top  %s%s%s%s", t->what,
		  p && p->run.sampler ? "  (" : "", p && p->run.sampler ? p->run.sampler : "",
		  p && p->run.sampler ? " sampler)" : "");
	if (!p) {
		view_put(1, 0, w, 0, " waiting for the first samples...", 0);
		return;
	}
	/* The session stores its error count when the run ends: until then a
	 * 0 would be a claim we cannot make. */
	if (p->run.ended_ns || p->run.errors)
		snprintf(errs, sizeof errs, "%.2f%%", 100 * p->run.error_rate);
	else
		snprintf(errs, sizeof errs, "-");
	view_putf(1, 0, w, view_attr(VR_HEADER),
		  " Samples: %lld   Errors: %s   Threads: %zu   Duration: %.1f s   run %lld%s",
		  (long long)p->total, errs, p->nthreads, dur, (long long)t->run, state);
}

static void draw_help(int w)
{
	static const char *const keys[] = {
		"q        quit (COMMAND is interrupted, PID left running)",
		"p        pause or resume the display (sampling goes on)",
		"l        functions or lines",
		"s        next sort order; 1 own, 2 total, 3 name",
		"j k      Up Down PgUp PgDn Home End: scroll",
		"?        this help (any key closes it)",
	};
	for (size_t i = 0; i < HP_ARRAY_SIZE(keys); i++)
		view_putf(4 + (int)i, 2, w - 4 > 10 ? w - 4 : 10, view_attr(VR_SELECT), " %s", keys[i]);
}

static void draw(struct top *t)
{
	int w = COLS, h = LINES;

	erase();
	draw_header(t, w);
	if (t->prof) {
		t->t.cols = top_cols;
		t->t.ncols = HP_ARRAY_SIZE(top_cols);
		view_table_draw(&t->t, 3, 0, h - 4, w);
	}
	view_putf(h - 1, 0, w, view_attr(VR_STATUS), " %s by %s   q quit  p pause  l %s  s sort  ? keys",
		  t->lines ? "Lines" : "Functions", rank_sort_name(t->sort),
		  t->lines ? "functions" : "lines");
	if (t->help)
		draw_help(w);
	refresh();
}

static void set_sort(struct top *t, enum rank_sort s)
{
	t->sort = s;
	if (!t->prof)
		return;
	funcs_model_sort(&t->fm, s);
	lines_model_sort(&t->lm, s);
	t->t.sel = t->t.top = 0;
}

/* 1 when the key asks to quit. */
static int top_key(struct top *t, int key)
{
	if (t->help) {
		t->help = 0;
		return 0;
	}
	if (view_table_key(&t->t, key))
		return 0;
	switch (key) {
	case 'q': return 1;
	case 'p': t->paused = !t->paused; break;
	case 'l':
		t->lines = !t->lines;
		t->t.sel = t->t.top = 0;
		t->t.nrows = !t->prof ? 0 : t->lines ? t->lm.nrows : t->fm.nrows;
		break;
	case 's': set_sort(t, (t->sort + 1) % RANK_NSORTS); break;
	case '1': set_sort(t, RANK_SELF); break;
	case '2': set_sort(t, RANK_TOTAL); break;
	case '3': set_sort(t, RANK_NAME); break;
	case '?': t->help = 1; break;
	}
	return 0;
}

/* Child: the sampling session, its messages (and the command's output) in
 * the log file.  Never returns. */
static noreturn void run_session(struct session_opts *o, int pid, char **argv, const char *log)
{
	struct session_result res;
	char *why = NULL;
	int fd = open(log, O_WRONLY | O_APPEND), null = open("/dev/null", O_RDONLY), ret;

	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	if (null >= 0) { /* the keys are top's, not the command's */
		dup2(null, STDIN_FILENO);
		close(null);
	}
	memset(&res, 0, sizeof res);
	ret = pid ? session_attach(o, pid, &res, &why) : session_run(o, argv, &res, &why);
	if (ret < 0) {
		hp_err("%s", why);
		_exit(!pid && res.exit_status > 0 ? res.exit_status : HP_EXIT_FAIL);
	}
	session_print_summary(o, &res);
	_exit(res.saved && res.end != SESSION_FAILED ? HP_EXIT_OK : HP_EXIT_FAIL);
}

static void reap(struct top *t, int flags)
{
	int status;
	if (t->child_done || waitpid(t->child, &status, flags) != t->child)
		return;
	t->child_done = 1;
	t->child_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* q: the session saves and ends on SIGINT; insist if it does not. */
static void stop_child(struct top *t)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGKILL };

	for (size_t i = 0; i < HP_ARRAY_SIZE(sigs) && !t->child_done; i++) {
		kill(t->child, sigs[i]);
		for (int k = 0; k < 100 && !t->child_done; k++) {
			usleep(50000);
			reap(t, WNOHANG);
		}
	}
}

/* The UI loop: refresh, keys, until q, a signal, or the session failing early. */
static void top_loop(struct top *t)
{
	timeout(100);
	while (!view_term_signalled()) {
		int key;
		reap(t, WNOHANG);
		if (!t->paused && hp_now_ns() - t->last_load_ns >= (uint64_t)(t->refresh_s * 1e9))
			reload(t);
		/* The session ended with nothing sampled (the command could not
		 * start, attach was refused): its message tells why.  A failed
		 * start can still leave an empty run row, so test the samples,
		 * not only whether a run was found. */
		if (t->child_done && (!t->run || !t->prof || t->prof->total == 0))
			break;
		if (t->child_done && t->prof && !t->paused && t->prof->run.ended_ns == 0)
			reload(t);
		draw(t);
		key = getch();
		if (key != ERR && top_key(t, key))
			break;
	}
}

/* Print the end of the session's log (its summary, the command's last words). */
static void show_log(const char *path)
{
	size_t len = 0;
	char *text = hp_read_file(path, &len), *start;
	int lines = 0;

	if (!text)
		return;
	start = text + len;
	while (start > text && lines <= 20)
		if (*--start == '\n' && start + 1 < text + len)
			lines++;
	if (lines > 20)
		start++;
	fputs(start, stderr);
	free(text);
}

static int64_t max_run(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT coalesce(max(id), 0) FROM runs", NULL);
	int64_t id = 0;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return id;
}

/* Open the database once before forking (creating it, so both agree on the
 * schema) to learn which runs existed; reopened after the fork. */
static int prepare(struct top *t, char **why)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (store_open(t->db_path, 0, &t->st, why) < 0)
		return -EIO;
	t->after = max_run(t->st);
	store_close(t->st);
	t->st = NULL;
	snprintf(t->log, sizeof t->log, "%s/hprof-top.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(t->log)) < 0)
		return hp_fail(why, -errno, "cannot create %s (set TMPDIR elsewhere?): %s", t->log,
			       strerror(errno));
	close(fd);
	return 0;
}

static void top_done(struct top *t)
{
	if (t->prof) {
		funcs_model_done(&t->fm);
		lines_model_done(&t->lm);
		query_free(t->prof);
	}
	store_close(t->st);
	if (t->log[0])
		unlink(t->log);
	free(t->what);
}

/* Fork the session, run the UI, stop the session, report. */
static int top_run(struct top *t, struct session_opts *o, int pid, char **argv)
{
	char *why = NULL;
	int sig, status;

	if (prepare(t, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	fflush(NULL);
	if ((t->child = fork()) < 0) {
		hp_err("cannot fork: %s", strerror(errno));
		return HP_EXIT_FAIL;
	}
	if (t->child == 0)
		run_session(o, pid, argv, t->log);
	if (store_open(t->db_path, STORE_READONLY, &t->st, &why) < 0 ||
	    view_term_start(&why) < 0) {
		hp_err("%s", why);
		free(why);
		stop_child(t);
		return HP_EXIT_FAIL;
	}
	top_loop(t);
	sig = view_term_signalled();
	view_term_stop();
	stop_child(t);
	show_log(t->log);
	status = t->child_status == 0 ? HP_EXIT_OK : HP_EXIT_FAIL;
	if (sig && t->run)
		status = HP_EXIT_OK; /* Ctrl-C is how top is left; the run was saved */
	return status;
}

static int parse_refresh(struct top *t, const char *arg)
{
	return hp_parse_double(arg, 0.1, 3600, &t->refresh_s);
}

/* PID (a number, not after --) or COMMAND: sets t->what and *pid (0 for a
 * command).  Returns -1 to go on, else the exit status of an error. */
static int top_target(struct cmd_ctx *ctx, struct top *t, int argc, char **argv, long *pid)
{
	if (optind >= argc)
		return cmd_usage_error(ctx, argv[0], "what to watch? hprof top PID, or hprof top -- COMMAND");
	if (strcmp(argv[optind - 1], "--") == 0 || hp_parse_long(argv[optind], 1, INT_MAX, pid) < 0) {
		*pid = 0;
		t->what = hp_argv_join(argc - optind, argv + optind);
		return -1;
	}
	if (optind + 1 < argc)
		return cmd_usage_error(ctx, argv[0], "unexpected argument '%s' after the PID "
				       "(a command goes after --)", argv[optind + 1]);
	if (kill((pid_t)*pid, 0) < 0 && errno == ESRCH) {
		hp_err("no process %ld: check the PID (ps aux)", *pid);
		return HP_EXIT_FAIL;
	}
	t->what = xasprintf("pid %ld", *pid);
	return -1;
}

static int cmd_top(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		SESSION_LONGOPTS,
		HP_COMMON_LONGOPTS,
		{ "lines", no_argument, NULL, 'l' },
		{ "refresh", required_argument, NULL, TOP_OPT_REFRESH },
		{ NULL, 0, NULL, 0 },
	};
	struct top t = { .refresh_s = 1.0, .sort = RANK_SELF };
	struct session_opts o;
	char *why = NULL, *help;
	long pid = 0;
	int c, r;

	session_opts_init(&o);
	while ((c = getopt_long(argc, argv, "+" SESSION_SHORTOPTS "lh", opts, NULL)) != -1) {
		if (cmd_common_opt(ctx, c, optarg))
			continue;
		if ((r = session_parse_opt(&o, c, optarg, &why)) < 0) {
			r = cmd_usage_error(ctx, argv[0], "%s", why);
			free(why);
			return r;
		}
		if (r)
			continue;
		switch (c) {
		case 'l': t.lines = 1; break;
		case TOP_OPT_REFRESH:
			if (parse_refresh(&t, optarg) < 0)
				return cmd_usage_error(ctx, argv[0], "--refresh takes seconds "
						       "between 0.1 and 3600, not '%s'", optarg);
			break;
		case 'h':
			help = xasprintf("%s%s", top_help, session_options_help);
			cmd_print_usage(ctx, &cmd_top_entry, help);
			free(help);
			return HP_EXIT_OK;
		default:
			return cmd_usage_error(ctx, argv[0], "unknown option");
		}
	}
	if ((r = top_target(ctx, &t, argc, argv, &pid)) >= 0)
		return r;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		free(t.what);
		hp_err("hprof top needs a terminal; use 'hprof run' or 'hprof attach' and 'hprof report'");
		return HP_EXIT_FAIL;
	}
	session_opts_finish(&o, ctx);
	t.db_path = o.db_path;
	t.t = (struct view_table){ .cols = top_cols, .ncols = HP_ARRAY_SIZE(top_cols),
				   .cell = top_cell, .arg = &t };
	r = top_run(&t, &o, (int)pid, argv + optind);
	top_done(&t);
	return r;
}

const struct cmd_entry cmd_top_entry = {
	.name = "top",
	.usage = "top [OPTIONS] PID  or  hprof top [OPTIONS] -- COMMAND [ARGS...]",
	.summary = "live table of the hottest functions or lines",
	.exec = cmd_top,
};
