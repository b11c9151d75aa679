/* model-rank.c — the Functions and Lines screens' rows: the profile's
 * functions or lines in a chosen order, and search over them. */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *rank_sort_name(enum rank_sort s)
{
	static const char *const names[RANK_NSORTS] = { "self", "total", "name" };
	return s < RANK_NSORTS ? names[s] : "?";
}

static int cmp_i64_desc(int64_t a, int64_t b)
{
	return a > b ? -1 : a < b;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_func(const void *x, const void *y, void *arg)
{
	const struct funcs_model *m = arg;
	const struct query_func *a = &m->p->funcs[*(const int *)x];
	const struct query_func *b = &m->p->funcs[*(const int *)y];
	int c = 0;

	switch (m->sort) {
	case RANK_SELF: c = cmp_i64_desc(a->self, b->self); break;
	case RANK_TOTAL: c = cmp_i64_desc(a->total, b->total); break;
	default: c = cmp_str(a->function, b->function); break;
	}
	if (!c)
		c = cmp_i64_desc(a->total, b->total);
	if (!c)
		c = cmp_str(a->function, b->function);
	return c ? c : *(const int *)x - *(const int *)y;
}

void funcs_model_init(struct funcs_model *m, const struct query_profile *p, enum rank_sort sort)
{
	memset(m, 0, sizeof *m);
	m->p = p;
	m->rows = xcalloc(p->nfuncs + 1, sizeof *m->rows);
	/* Functions of threads the filter left out have no samples: not rows. */
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].shown && p->funcs[i].total > 0)
			m->rows[m->nrows++] = (int)i;
	funcs_model_sort(m, sort);
}

void funcs_model_done(struct funcs_model *m)
{
	free(m->rows);
	memset(m, 0, sizeof *m);
}

void funcs_model_sort(struct funcs_model *m, enum rank_sort sort)
{
	m->sort = sort;
	qsort_r(m->rows, m->nrows, sizeof *m->rows, cmp_func, m);
}

const struct query_func *funcs_model_row(const struct funcs_model *m, size_t i)
{
	return i < m->nrows ? &m->p->funcs[m->rows[i]] : NULL;
}

static int text_has(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

long funcs_model_find(const struct funcs_model *m, const char *text, size_t from)
{
	for (size_t k = 0; k < m->nrows && *text; k++) {
		size_t i = (from + k) % m->nrows;
		const struct query_func *f = funcs_model_row(m, i);
		if (text_has(f->function, text) || text_has(f->file, text) || text_has(f->module, text))
			return (long)i;
	}
	return -1;
}

static int cmp_line(const void *x, const void *y, void *arg)
{
	const struct lines_model *m = arg;
	const struct query_line *a = &m->p->lines[*(const int *)x];
	const struct query_line *b = &m->p->lines[*(const int *)y];
	int c = 0;

	switch (m->sort) {
	case RANK_SELF: c = cmp_i64_desc(a->self, b->self); break;
	case RANK_TOTAL: c = cmp_i64_desc(a->total, b->total); break;
	default:
		c = cmp_str(a->file, b->file);
		if (!c)
			c = a->line - b->line;
		break;
	}
	if (!c)
		c = cmp_i64_desc(a->total, b->total);
	return c ? c : *(const int *)x - *(const int *)y;
}

void lines_model_init(struct lines_model *m, const struct query_profile *p, enum rank_sort sort)
{
	memset(m, 0, sizeof *m);
	m->p = p;
	m->rows = xcalloc(p->nlines + 1, sizeof *m->rows);
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].shown && p->lines[i].total > 0)
			m->rows[m->nrows++] = (int)i;
	lines_model_sort(m, sort);
}

void lines_model_done(struct lines_model *m)
{
	free(m->rows);
	memset(m, 0, sizeof *m);
}

void lines_model_sort(struct lines_model *m, enum rank_sort sort)
{
	m->sort = sort;
	qsort_r(m->rows, m->nrows, sizeof *m->rows, cmp_line, m);
}

const struct query_line *lines_model_row(const struct lines_model *m, size_t i)
{
	return i < m->nrows ? &m->p->lines[m->rows[i]] : NULL;
}

long lines_model_find(const struct lines_model *m, const char *text, size_t from)
{
	for (size_t k = 0; k < m->nrows && *text; k++) {
		size_t i = (from + k) % m->nrows;
		const struct query_line *l = lines_model_row(m, i);
		if (text_has(l->function, text) || text_has(l->file, text))
			return (long)i;
	}
	return -1;
}
