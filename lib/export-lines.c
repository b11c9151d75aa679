/* export-lines.c — the hot-lines table (`hprof report --lines`, `hpbench show
 * --lines`): one row per source line with its samples, shares, function and
 * source text, plus the Python/native/system split of a mixed run. */
#include "config.h"

#include "export.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = { "python", "native", "kernel" };

const char *export_kind_name(int kind)
{
	return kind >= 0 && kind < (int)HP_ARRAY_SIZE(kind_names) ? kind_names[kind] : "?";
}

static const struct export_col line_cols[] = {
	{ "file", NULL, EXPORT_STR, 0 },
	{ "line", "LINE", EXPORT_INT, 0 },
	{ "self", "SAMPLES", EXPORT_INT, 0 },
	{ "self_pct", "SELF%", EXPORT_PCT, 0 },
	{ "total", NULL, EXPORT_INT, 0 },
	{ "total_pct", "TOTAL%", EXPORT_PCT, 0 },
	{ "function", "FUNCTION", EXPORT_STR, 30 },
	{ "source", "SOURCE", EXPORT_STR, 0 },
	{ "kind", NULL, EXPORT_STR, 0 },
	{ "module", NULL, EXPORT_STR, 0 },
};
static const struct export_col mixed_cols[] = {
	{ "python", NULL, EXPORT_INT, 0 },
	{ "python_pct", "PYTHON", EXPORT_PCT, 0 },
	{ "native", NULL, EXPORT_INT, 0 },
	{ "native_pct", "NATIVE", EXPORT_PCT, 0 },
	{ "system", NULL, EXPORT_INT, 0 },
	{ "system_pct", "SYSTEM", EXPORT_PCT, 0 },
};

struct export_col *export_line_columns(int mixed, size_t *n)
{
	size_t nl = HP_ARRAY_SIZE(line_cols), nm = mixed ? HP_ARRAY_SIZE(mixed_cols) : 0, k = 0;
	struct export_col *cols = xcalloc(nl + nm, sizeof *cols);
	for (size_t i = 0; i < nl; i++) {
		if (!strcmp(line_cols[i].name, "source")) /* the split goes before the source */
			for (size_t j = 0; j < nm; j++)
				cols[k++] = mixed_cols[j];
		cols[k++] = line_cols[i];
	}
	*n = k;
	return cols;
}

static double share(const struct query_profile *p, int64_t n)
{
	return p->total ? 100.0 * (double)n / (double)p->total : 0.0;
}

static void line_row(const struct query_profile *p, struct query_sources *src,
		     struct export_table *t, const struct query_line *l)
{
	const char *text = l->line > 0 && src ? query_source_line(src, l->file, l->line) : NULL;
	export_table_str(t, l->file);
	export_table_int(t, l->line);
	export_table_int(t, l->self);
	export_table_pct(t, l->self_pct);
	export_table_int(t, l->total);
	export_table_pct(t, l->total_pct);
	export_table_str(t, l->function);
	if (p->mixed) { /* the split is a Python line's: n/a (NaN) on other rows */
		int py = l->kind == FRAME_PYTHON;
		export_table_int(t, l->python);
		export_table_pct(t, py ? share(p, l->python) : NAN);
		export_table_int(t, l->native);
		export_table_pct(t, py ? share(p, l->native) : NAN);
		export_table_int(t, l->system);
		export_table_pct(t, py ? share(p, l->system) : NAN);
	}
	export_table_str(t, text);
	export_table_str(t, export_kind_name(l->kind));
	export_table_str(t, l->module);
}

struct export_table *export_lines_table(const struct query_profile *p, struct query_sources *src,
					const int *pick, size_t n, const struct export_col *cols,
					size_t ncols)
{
	struct export_table *t = export_table_new(cols, ncols);
	for (size_t i = 0; i < n; i++)
		line_row(p, src, t, &p->lines[pick[i]]);
	return t;
}

/* How hot a line is for picking rows: its self samples, or in a mixed
 * run, for a Python line, all the time it was the innermost Python line
 * (a line calling zlib has little self time but much native time). */
static int64_t line_heat(const struct query_line *l)
{
	int64_t under = l->python + l->native + l->system;
	return under > l->self ? under : l->self;
}

static int cmp_heat(const void *a, const void *b, void *arg)
{
	const struct query_profile *p = arg;
	int64_t x = line_heat(&p->lines[*(const int *)a]), y = line_heat(&p->lines[*(const int *)b]);
	if (x != y)
		return x < y ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

void export_lines_sort_heat(const struct query_profile *p, int *pick, size_t n)
{
	qsort_r(pick, n, sizeof *pick, cmp_heat, (void *)p);
}
