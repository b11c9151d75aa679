/* screens.c — the one table of hpview's screens, and helpers they share. */
#include "config.h"

#include "screens.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const struct screen_ops *const screen_table[SCR_COUNT] = {
	[SCR_RUNS] = &screen_runs_ops,
	[SCR_FUNCTIONS] = &screen_functions_ops,
	[SCR_LINES] = &screen_lines_ops,
	[SCR_TREE] = &screen_tree_ops,
	[SCR_FLAME] = &screen_flame_ops,
	[SCR_THREADS] = &screen_threads_ops,
	[SCR_BENCH] = &screen_bench_ops,
	[SCR_SOURCE] = &screen_source_ops,
	[SCR_COMPARE] = &screen_compare_ops,
	[SCR_HELP] = &screen_help_ops,
};

double screens_frac(int64_t count, int64_t total)
{
	return total > 0 ? (double)count / (double)total : 0;
}

void screens_where(char *buf, size_t len, const char *file, int line, const char *module)
{
	const char *base;

	if (file && *file) {
		base = strrchr(file, '/');
		base = base ? base + 1 : file;
		if (line > 0)
			snprintf(buf, len, "%s:%d", base, line);
		else
			snprintf(buf, len, "%s", base);
	} else if (module && *module) {
		base = strrchr(module, '/');
		snprintf(buf, len, "%s", base ? base + 1 : module);
	} else {
		buf[0] = '\0';
	}
}

/* The line of `function` in `file` with the most samples of its own, or 0. */
static int hottest_line(const struct query_profile *p, const char *file, const char *function)
{
	int64_t best = -1;
	int line = 0;

	for (size_t i = 0; i < p->nlines; i++) {
		const struct query_line *l = &p->lines[i];
		if (!l->file || strcmp(l->file, file) != 0 || l->line <= 0)
			continue;
		if (function && (!l->function || strcmp(l->function, function) != 0))
			continue;
		if (l->self > best) {
			best = l->self;
			line = l->line;
		}
	}
	return line;
}

void screens_annotate(struct viewer *v, const char *file, const char *function, int line)
{
	struct source_arg a;

	if (!file || !*file) {
		viewer_msg(v, 1, "no source file is known for this frame");
		return;
	}
	a.file = file;
	a.line = line > 0 ? line : hottest_line(v->prof, file, function);
	viewer_push(v, SCR_SOURCE, &a);
}
