/* cmd-report.c — hprof report: the hot functions, lines, call tree or
 * threads of a profile run, as text, JSON, CSV, collapsed stacks or a
 * speedscope file.  The numbers come from lib/query; this file chooses rows
 * and columns. */
#include "config.h"

#include "commands.h"
#include "export.h"
#include "query.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum report_mode { MODE_FUNCTIONS, MODE_LINES, MODE_TREE, MODE_THREADS };
enum report_format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_COLLAPSED, FMT_SPEEDSCOPE };
enum { TEXT_DEFAULT_LIMIT = 40 };

struct report {
	enum report_mode mode;
	enum report_format format;
	long limit;            /* rows; 0 all; -1 the format's default */
	double min_pct;        /* --tree pruning */
	long width;            /* text: -1 the terminal's */
	struct query_opts q;
	const char *run_spec;
	struct query_profile *p;
	struct query_sources *src;
};

static const char report_help[] =
	"What to show (default --functions):\n"
	"      --functions      functions: self and total samples, hottest first\n"
	"  -l, --lines          hot source lines grouped per file, with their text\n"
	"  -t, --tree           the call tree with total and self shares\n"
	"      --threads        samples per thread\n"
	"Selecting samples:\n"
	"  -p, --pid PID        only process PID\n"
	"      --tid TID        only thread TID\n"
	"      --state STATE    'on-cpu', 'idle' or 'all' (default: all)\n"
	"      --filter TEXT    only samples with a frame whose function or file contains TEXT\n"
	"      --file GLOB      only samples and rows in files matching GLOB ('*.py', 'src/*')\n"
	"Output:\n"
	"  -f, --format FMT     text, json, csv, collapsed (flamegraph.pl) or speedscope\n"
	"  -n, --limit N        at most N rows (default: 40 in text, all otherwise; 0: all)\n"
	"      --min-pct PCT    --tree: hide nodes under PCT% of the samples (default 0.5)\n"
	"  -w, --width COLS     cut text lines to COLS (default: the terminal's; 0: never)\n"
	"\nRUN is a run id or name from 'hprof list' (default: the latest profile run).\n"
	"Percentages are of the samples selected by --pid, --tid and --state.\n";

/* One text line, cut to the report's width. */
static void __attribute__((format(printf, 3, 4)))
put_line(const struct report *r, FILE *out, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	export_put_cut(out, s, (int)r->width);
	fputc('\n', out);
	free(s);
}

/* Where a function is defined: "file:def_line", "file", the library, or "". */
static char *func_location(const struct query_func *f)
{
	const char *lib = strrchr(f->module, '/');
	if (f->file[0] && f->def_line > 0)
		return xasprintf("%s:%d", f->file, f->def_line);
	if (f->file[0])
		return xstrdup(f->file);
	return xstrdup(lib ? lib + 1 : f->module);
}

static long row_limit(const struct report *r)
{
	if (r->limit >= 0)
		return r->limit;
	return r->format == FMT_TEXT && r->mode != MODE_TREE ? TEXT_DEFAULT_LIMIT : 0;
}

static const struct export_col func_cols[] = {
	{ "self", "SELF", EXPORT_INT, 0 },
	{ "self_pct", "SELF%", EXPORT_PCT, 0 },
	{ "total", "TOTAL", EXPORT_INT, 0 },
	{ "total_pct", "TOTAL%", EXPORT_PCT, 0 },
	{ "function", "FUNCTION", EXPORT_STR, 60 },
	{ "location", "DEFINED AT", EXPORT_STR, 0 },
	{ "file", NULL, EXPORT_STR, 0 },
	{ "line", NULL, EXPORT_INT, 0 },
	{ "kind", NULL, EXPORT_STR, 0 },
	{ "module", NULL, EXPORT_STR, 0 },
};

static struct export_table *functions_table(const struct report *r)
{
	struct export_table *t = export_table_new(func_cols, HP_ARRAY_SIZE(func_cols));
	long limit = row_limit(r), n = 0;

	for (size_t i = 0; i < r->p->nfuncs && (!limit || n < limit); i++) {
		const struct query_func *f = &r->p->funcs[i];
		char *loc;
		if (!f->shown || f->total == 0)
			continue;
		loc = func_location(f);
		export_table_int(t, f->self);
		export_table_pct(t, f->self_pct);
		export_table_int(t, f->total);
		export_table_pct(t, f->total_pct);
		export_table_str(t, f->function);
		export_table_str(t, loc);
		export_table_str(t, f->file);
		export_table_int(t, f->def_line);
		export_table_str(t, export_kind_name(f->kind));
		export_table_str(t, f->module);
		n++;
		free(loc);
	}
	return t;
}

/* Line rows: file and line first for JSON/CSV; the text view groups per
 * file and hides the file column. */
static double share(const struct query_profile *p, int64_t n)
{
	return p->total ? 100.0 * (double)n / (double)p->total : 0.0;
}

/* The shown lines, hottest first (by self; by heat in a mixed run's text
 * view, which regroups rows per file anyway), at most the limit. */
static size_t pick_lines(const struct report *r, int *out)
{
	long limit = row_limit(r);
	size_t n = 0;
	for (size_t i = 0; i < r->p->nlines; i++) {
		const struct query_line *l = &r->p->lines[i];
		if (l->shown && l->total > 0)
			out[n++] = (int)i;
	}
	if (r->p->mixed && r->format == FMT_TEXT)
		export_lines_sort_heat(r->p, out, n);
	return limit && (size_t)limit < n ? (size_t)limit : n;
}

/* The display name of a line's file (native code without one: its library). */
static const char *line_file(const struct query_line *l)
{
	const char *lib = strrchr(l->module, '/');
	if (l->file[0])
		return l->file;
	if (l->module[0])
		return lib ? lib + 1 : l->module;
	return l->kind == FRAME_KERNEL ? "[kernel]" : "[unknown]";
}

struct file_group {
	const char *file;
	int64_t self;
};

static int cmp_group(const void *a, const void *b)
{
	const struct file_group *x = a, *y = b;
	if (x->self != y->self)
		return x->self < y->self ? 1 : -1;
	return strcmp(x->file, y->file);
}

/* Each file that has a picked line, with its share (self of all its lines). */
static struct file_group *file_groups(const struct report *r, const int *pick, size_t n,
				      size_t *ngroups)
{
	struct file_group *g = xcalloc(n + 1, sizeof *g);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *f = line_file(&r->p->lines[pick[i]]);
		size_t j = 0;
		while (j < k && strcmp(g[j].file, f))
			j++;
		if (j == k)
			g[k++].file = f;
	}
	for (size_t i = 0; i < r->p->nlines; i++)
		for (size_t j = 0; j < k; j++)
			if (!strcmp(g[j].file, line_file(&r->p->lines[i])))
				g[j].self += r->p->lines[i].self;
	qsort(g, k, sizeof *g, cmp_group);
	*ngroups = k;
	return g;
}

static int cmp_line_no(const void *a, const void *b, void *arg)
{
	const struct query_profile *p = arg;
	return p->lines[*(const int *)a].line - p->lines[*(const int *)b].line;
}

/* --lines as text: per file, hottest file first, rows in source order. */
static int lines_text(const struct report *r, const int *pick, size_t n, FILE *out)
{
	size_t ncols, ng;
	struct export_col *cols = export_line_columns(r->p->mixed, &ncols);
	struct file_group *g = file_groups(r, pick, n, &ng);
	int *rows = xcalloc(n + 1, sizeof *rows), ret = 0;

	for (size_t j = 0; j < ng && ret == 0; j++) {
		size_t k = 0;
		struct export_table *t;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(line_file(&r->p->lines[pick[i]]), g[j].file))
				rows[k++] = pick[i];
		qsort_r(rows, k, sizeof *rows, cmp_line_no, r->p);
		fputc('\n', out);
		put_line(r, out, "%s  (%.1f%% of samples, %lld)", g[j].file, share(r->p, g[j].self),
			 (long long)g[j].self);
		t = export_lines_table(r->p, r->src, rows, k, cols, ncols);
		ret = export_table_text(t, out, (int)r->width, "  ");
		export_table_free(t);
	}
	free(rows);
	free(g);
	free(cols);
	return ret;
}

static const struct export_col tree_cols[] = {
	{ "depth", NULL, EXPORT_INT, 0 },
	{ "total", NULL, EXPORT_INT, 0 },
	{ "total_pct", "TOTAL%", EXPORT_PCT, 0 },
	{ "self", NULL, EXPORT_INT, 0 },
	{ "self_pct", "SELF%", EXPORT_PCT, 0 },
	{ "label", "CALL TREE", EXPORT_STR, 0 },
	{ "function", NULL, EXPORT_STR, 0 },
	{ "file", NULL, EXPORT_STR, 0 },
	{ "line", NULL, EXPORT_INT, 0 },
};

static void tree_row(const struct report *r, struct export_table *t, const struct query_tree_node *n)
{
	const struct query_func *f = &r->p->funcs[n->func];
	char *loc = func_location(f);
	char *label = xasprintf("%*s%s%s%s%s", 2 * (n->depth - 1), "", f->function,
				loc[0] ? " (" : "", loc, loc[0] ? ")" : "");
	export_table_int(t, n->depth);
	export_table_int(t, n->total);
	export_table_pct(t, share(r->p, n->total));
	export_table_int(t, n->self);
	export_table_pct(t, share(r->p, n->self));
	export_table_str(t, label);
	export_table_str(t, f->function);
	export_table_str(t, f->file);
	export_table_int(t, f->def_line);
	free(label);
	free(loc);
}

/* The tree in preorder, children hottest first, pruned below --min-pct. */
static struct export_table *tree_table(const struct report *r)
{
	struct query_tree *tree = query_tree_build(r->p, QUERY_TREE_FUNCTION);
	struct export_table *t = export_table_new(tree_cols, HP_ARRAY_SIZE(tree_cols));
	int64_t min = query_min_count(r->p, r->min_pct);
	long limit = row_limit(r), rows = 0;
	int node = tree->nodes[0].first_child;

	if (min < 1)
		min = 1;
	while (node >= 0 && (!limit || rows < limit)) {
		const struct query_tree_node *n = &tree->nodes[node];
		if (n->total >= min) {
			tree_row(r, t, n);
			rows++;
			if (n->first_child >= 0) {
				node = n->first_child;
				continue;
			}
		}
		/* next sibling, or the next sibling of the nearest ancestor that has one */
		while (node > 0 && tree->nodes[node].next_sibling < 0)
			node = tree->nodes[node].parent;
		node = node > 0 ? tree->nodes[node].next_sibling : -1;
	}
	query_tree_free(tree);
	return t;
}

static const struct export_col thread_cols[] = {
	{ "pid", "PID", EXPORT_INT, 0 },
	{ "tid", "TID", EXPORT_INT, 0 },
	{ "name", "NAME", EXPORT_STR, 24 },
	{ "samples", "SAMPLES", EXPORT_INT, 0 },
	{ "pct", "%", EXPORT_PCT, 0 },
	{ "oncpu", "ON-CPU", EXPORT_INT, 0 },
	{ "idle", "IDLE", EXPORT_INT, 0 },
	{ "top_function", "TOP FUNCTION (SELF)", EXPORT_STR, 0 },
};

static struct export_table *threads_table(const struct report *r)
{
	struct export_table *t = export_table_new(thread_cols, HP_ARRAY_SIZE(thread_cols));
	long limit = row_limit(r);
	for (size_t i = 0; i < r->p->nthreads && (!limit || (long)i < limit); i++) {
		const struct query_thread *th = &r->p->threads[i];
		if (th->samples == 0)
			continue;
		export_table_int(t, th->pid);
		export_table_int(t, th->tid);
		export_table_str(t, th->name);
		export_table_int(t, th->samples);
		export_table_pct(t, share(r->p, th->samples));
		export_table_int(t, th->oncpu);
		export_table_int(t, th->idle);
		export_table_str(t, th->top_func >= 0 ? r->p->funcs[th->top_func].function : NULL);
	}
	return t;
}

/* What the selection options kept, for the text header. */
static void print_selection(const struct report *r, FILE *out)
{
	const struct query_opts *q = &r->q;
	struct strbuf sb;
	strbuf_init(&sb);
	if (q->pid)
		strbuf_printf(&sb, ", pid %d", q->pid);
	if (q->tid)
		strbuf_printf(&sb, ", tid %d", q->tid);
	if (q->state != QUERY_STATE_ALL)
		strbuf_printf(&sb, ", %s samples", q->state == SAMPLE_IDLE ? "idle" : "on-cpu");
	if (q->filter)
		strbuf_printf(&sb, ", filter '%s'", q->filter);
	if (q->file_glob)
		strbuf_printf(&sb, ", files '%s'", q->file_glob);
	if (sb.len)
		put_line(r, out, "  selection:%s; %lld of %lld samples match (%.1f%%)", sb.buf + 1,
			 (long long)r->p->matched, (long long)r->p->total, share(r->p, r->p->matched));
	strbuf_done(&sb);
}

/* The run's facts above every text table. */
static void print_header(const struct report *r, FILE *out)
{
	const struct query_run *run = &r->p->run;
	char dur[32] = "still running", py[48] = "";
	if (run->ended_ns)
		snprintf(dur, sizeof dur, "%.2f s", run->duration_s);
	if (run->python_version[0])
		snprintf(py, sizeof py, "; Python %s", run->python_version);
	put_line(r, out, "run %lld: %s", (long long)run->id, run->command);
	put_line(r, out, "  %s, %s; %lld samples at %g Hz (%s sampler, %s mode)%s", run->status, dur,
		 (long long)run->samples, run->rate_hz, run->sampler[0] ? run->sampler : "?",
		 run->mode[0] ? run->mode : "?", py);
	put_line(r, out, "  errors: %lld (%.1f%% of attempts)", (long long)run->errors,
		 100.0 * run->error_rate);
	print_selection(r, out);
}

static struct export_table *mode_table(const struct report *r)
{
	if (r->mode == MODE_TREE)
		return tree_table(r);
	if (r->mode == MODE_THREADS)
		return threads_table(r);
	return functions_table(r);
}

/* --lines in any table format. */
static int lines_output(const struct report *r, FILE *out)
{
	int *pick = xcalloc(r->p->nlines + 1, sizeof *pick), ret;
	size_t n = pick_lines(r, pick), ncols;
	struct export_col *cols;
	struct export_table *t;

	if (r->format == FMT_TEXT) {
		ret = lines_text(r, pick, n, out);
		free(pick);
		return ret;
	}
	cols = export_line_columns(r->p->mixed, &ncols);
	t = export_lines_table(r->p, r->src, pick, n, cols, ncols);
	ret = r->format == FMT_JSON ? export_table_json(t, r->p, out) : export_table_csv(t, out, 1);
	export_table_free(t);
	free(cols);
	free(pick);
	return ret;
}

static int write_report(const struct report *r, FILE *out)
{
	struct export_table *t;
	int ret;

	if (r->format == FMT_COLLAPSED)
		return query_write_collapsed(r->p, out);
	if (r->format == FMT_SPEEDSCOPE)
		return export_speedscope(r->p, out);
	if (r->format == FMT_TEXT) {
		print_header(r, out);
		if (r->p->matched == 0) {
			fprintf(out, "\nno samples %s\n", r->p->total ? "match the selection" : "in this run");
			return ferror(out) ? -1 : 0;
		}
	}
	if (r->mode == MODE_LINES)
		return lines_output(r, out);
	t = mode_table(r);
	if (r->format == FMT_TEXT) {
		fputc('\n', out);
		ret = export_table_text(t, out, (int)r->width, NULL);
	} else {
		ret = r->format == FMT_JSON ? export_table_json(t, r->p, out) : export_table_csv(t, out, 1);
	}
	export_table_free(t);
	return ret;
}

/* The text width: --width, else the terminal's, else $COLUMNS, else none. */
static long text_width(long asked)
{
	struct winsize ws;
	long cols;
	if (asked >= 0)
		return asked;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (getenv("COLUMNS") && hp_parse_long(getenv("COLUMNS"), 1, 100000, &cols) == 0)
		return cols;
	return 0;
}

/* Open the database, find the run and load it.  A named run of another kind
 * is found too, so the error says "not a profile" rather than "no such run". */
static int report_load(struct cmd_ctx *ctx, struct report *r, char **why)
{
	struct store *st = NULL;
	int64_t id;
	int ret = store_open(cmd_db_path(ctx), STORE_READONLY, &st, why);
	if (ret == 0)
		ret = r->run_spec ? store_run_resolve(st, r->run_spec, NULL, &id, why)
				  : store_run_latest(st, "profile", &id, why);
	if (ret == 0)
		ret = query_load(st, id, &r->q, &r->p, why);
	store_close(st);
	return ret;
}

static int parse_format(const char *s, enum report_format *out)
{
	static const char *const names[] = { "text", "json", "csv", "collapsed", "speedscope" };
	for (size_t i = 0; i < HP_ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i])) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

static int parse_state(const char *s, int *out)
{
	if (!strcmp(s, "on-cpu") || !strcmp(s, "cpu"))
		*out = SAMPLE_ONCPU;
	else if (!strcmp(s, "idle"))
		*out = SAMPLE_IDLE;
	else if (!strcmp(s, "all"))
		*out = QUERY_STATE_ALL;
	else
		return -1;
	return 0;
}

enum { OPT_FUNCTIONS = HP_OPT_FIRST_FREE, OPT_THREADS, OPT_TID, OPT_STATE, OPT_FILTER,
       OPT_FILE, OPT_MIN_PCT };

/* One option; 0 ok, 1 --help shown, or HP_EXIT_USAGE after the message. */
static int report_opt(struct cmd_ctx *ctx, struct report *r, int c, const char *arg,
		      const char *name, const char *bad)
{
	long v;
	switch (c) {
	case OPT_FUNCTIONS: r->mode = MODE_FUNCTIONS; break;
	case 'l': r->mode = MODE_LINES; break;
	case 't': r->mode = MODE_TREE; break;
	case OPT_THREADS: r->mode = MODE_THREADS; break;
	case OPT_FILTER: r->q.filter = arg; break;
	case OPT_FILE: r->q.file_glob = arg; break;
	case 'f':
		if (parse_format(arg, &r->format) < 0)
			return cmd_usage_error(ctx, name, "--format takes text, json, csv, collapsed or "
					       "speedscope, not '%s'", arg);
		break;
	case 'n':
		if (hp_parse_long(arg, 0, 1000000000, &r->limit) < 0)
			return cmd_usage_error(ctx, name, "--limit takes a number >= 0, not '%s'", arg);
		break;
	case 'w':
		if (hp_parse_long(arg, 0, 100000, &r->width) < 0)
			return cmd_usage_error(ctx, name, "--width takes a number >= 0, not '%s'", arg);
		break;
	case 'p':
	case OPT_TID:
		if (hp_parse_long(arg, 1, 0x7fffffff, &v) < 0)
			return cmd_usage_error(ctx, name, "--%s takes a process or thread id, not '%s'",
					       c == 'p' ? "pid" : "tid", arg);
		*(c == 'p' ? &r->q.pid : &r->q.tid) = (int)v;
		break;
	case OPT_STATE:
		if (parse_state(arg, &r->q.state) < 0)
			return cmd_usage_error(ctx, name, "--state takes on-cpu, idle or all, not '%s'", arg);
		break;
	case OPT_MIN_PCT:
		if (hp_parse_double(arg, 0, 100, &r->min_pct) < 0)
			return cmd_usage_error(ctx, name, "--min-pct takes a percentage 0-100, not '%s'", arg);
		break;
	case 'h':
		cmd_print_usage(ctx, &cmd_report_entry, report_help);
		return 1;
	default:
		return cmd_usage_error(ctx, name, "option '%s' is unknown or needs a value", bad);
	}
	return 0;
}

static int cmd_report(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "functions", no_argument, NULL, OPT_FUNCTIONS },
		{ "lines", no_argument, NULL, 'l' },
		{ "tree", no_argument, NULL, 't' },
		{ "threads", no_argument, NULL, OPT_THREADS },
		{ "pid", required_argument, NULL, 'p' },
		{ "tid", required_argument, NULL, OPT_TID },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "filter", required_argument, NULL, OPT_FILTER },
		{ "file", required_argument, NULL, OPT_FILE },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'n' },
		{ "min-pct", required_argument, NULL, OPT_MIN_PCT },
		{ "width", required_argument, NULL, 'w' },
		HP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct report r = { .limit = -1, .min_pct = 0.5, .width = -1, .q = QUERY_OPTS_INIT };
	char *why = NULL;
	int c, ret;

	opterr = 0; /* one message, ours */
	while ((c = getopt_long(argc, argv, "ltp:f:n:w:h", opts, NULL)) != -1) {
		if (cmd_common_opt(ctx, c, optarg))
			continue;
		if ((ret = report_opt(ctx, &r, c, optarg, argv[0], argv[optind - 1])) != 0)
			return ret == 1 ? HP_EXIT_OK : ret;
	}
	if (optind < argc)
		r.run_spec = argv[optind++];
	if (optind < argc)
		return cmd_usage_error(ctx, argv[0], "unexpected argument '%s'", argv[optind]);
	if (report_load(ctx, &r, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	r.width = r.format == FMT_TEXT ? text_width(r.width) : 0;
	r.src = query_sources_new(r.p->run.cwd);
	ret = write_report(&r, stdout);
	if (fflush(stdout) != 0 || ret < 0) {
		hp_err("writing the report failed: %m; check the output file or pipe");
		ret = -1;
	}
	query_sources_free(r.src);
	query_free(r.p);
	return ret < 0 ? HP_EXIT_FAIL : HP_EXIT_OK;
}

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "report [--functions|--lines|--tree|--threads] [OPTIONS] [RUN]",
	.summary = "show the hot functions, lines or call tree of a run",
	.exec = cmd_report,
};
