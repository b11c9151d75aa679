/* model-source.c — one source file annotated with the samples of each line
 * (the Lines screen's Enter, like perf annotate). */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Files longer than this are cut (a generated file would not be read anyway). */
#define SOURCE_MAX_LINES 200000

static size_t count_lines(struct query_sources *s, const char *file)
{
	int n = query_source_count(s, file);
	return n < 0 ? 0 : n > SOURCE_MAX_LINES ? SOURCE_MAX_LINES : (size_t)n;
}

/* A line's own share: the samples spent on it, also when native or kernel
 * frames below it are the leaf (mixed runs). */
static int64_t own(const struct source_line *l)
{
	int64_t split = l->python + l->native + l->system;
	return split > l->self ? split : l->self;
}

void source_model_init(struct source_model *m, const struct query_profile *p,
		       struct query_sources *sources, const char *file)
{
	size_t n = 0;

	memset(m, 0, sizeof *m);
	m->file = xstrdup(file);
	m->total = p->total;
	m->mixed = p->mixed;
	if (sources)
		n = count_lines(sources, file);
	m->readable = n > 0;
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].file && strcmp(p->lines[i].file, file) == 0 &&
		    (size_t)p->lines[i].line > n)
			n = (size_t)p->lines[i].line;
	m->nlines = n;
	m->lines = xcalloc(n + 1, sizeof *m->lines);
	/* query_source_line reuses its buffer: keep copies. */
	for (size_t i = 0; i < n && m->readable; i++) {
		const char *t = query_source_line(sources, file, (int)i + 1);
		m->lines[i].text = t ? xstrdup(t) : NULL;
	}
	for (size_t i = 0; i < p->nlines; i++) {
		const struct query_line *q = &p->lines[i];
		struct source_line *l;
		if (!q->file || strcmp(q->file, file) != 0 || q->line <= 0)
			continue;
		l = &m->lines[q->line - 1];
		l->self += q->self;
		l->total += q->total;
		l->python += q->python;
		l->native += q->native;
		l->system += q->system;
	}
	for (size_t i = 1; i < n; i++)
		if (own(&m->lines[i]) > own(&m->lines[m->hot]))
			m->hot = i;
}

void source_model_done(struct source_model *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		free(m->lines[i].text);
	free(m->file);
	free(m->lines);
	memset(m, 0, sizeof *m);
}
