/* model-runs.c — the Runs screen's rows: every run, newest first, a typed
 * filter and up to two marks for Compare. */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int collect_run(const struct store_run_row *r, void *arg)
{
	struct runs_model *m = arg;
	struct runs_row *row;

	m->all = xreallocarray(m->all, m->nall + 1, sizeof *m->all);
	row = &m->all[m->nall++];
	memset(row, 0, sizeof *row);
	row->id = r->id;
	snprintf(row->kind, sizeof row->kind, "%s", r->kind);
	snprintf(row->status, sizeof row->status, "%s", r->status);
	snprintf(row->name, sizeof row->name, "%s", r->name);
	row->command = xstrdup(r->command ? r->command : "");
	row->started_ns = r->started_ns;
	row->ended_ns = r->ended_ns;
	row->samples = r->samples;
	return 0;
}

int runs_model_load(struct runs_model *m, struct store *st, char **why)
{
	int ret;

	memset(m, 0, sizeof *m);
	ret = store_runs_each(st, collect_run, m, why);
	runs_model_filter(m, "");
	return ret;
}

void runs_model_done(struct runs_model *m)
{
	for (size_t i = 0; i < m->nall; i++)
		free(m->all[i].command);
	free(m->all);
	free(m->rows);
	free(m->filter);
	memset(m, 0, sizeof *m);
}

/* Does the run mention `text` (case-insensitive) in any column shown? */
static int run_matches(const struct runs_row *r, const char *text)
{
	char id[24];

	if (!*text)
		return 1;
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	return strcasestr(id, text) || strcasestr(r->kind, text) || strcasestr(r->name, text) ||
	       strcasestr(r->status, text) || strcasestr(r->command, text);
}

void runs_model_filter(struct runs_model *m, const char *text)
{
	free(m->filter);
	m->filter = xstrdup(text ? text : "");
	free(m->rows);
	m->rows = xcalloc(m->nall + 1, sizeof *m->rows);
	m->nrows = 0;
	for (size_t i = 0; i < m->nall; i++)
		if (run_matches(&m->all[i], m->filter))
			m->rows[m->nrows++] = i;
}

const struct runs_row *runs_model_row(const struct runs_model *m, size_t i)
{
	return i < m->nrows ? &m->all[m->rows[i]] : NULL;
}

int runs_model_mark(struct runs_model *m, size_t i)
{
	struct runs_row *r;
	int n = 0, oldest = 0;

	if (i >= m->nrows)
		return runs_model_marked(m, (int64_t[2]){ 0, 0 });
	r = &m->all[m->rows[i]];
	if (r->marked) {
		r->marked = 0;
	} else {
		for (size_t k = 0; k < m->nall; k++)
			if (m->all[k].marked) {
				n++;
				if (!oldest || m->all[k].marked < oldest)
					oldest = m->all[k].marked;
			}
		if (n >= 2)
			for (size_t k = 0; k < m->nall; k++)
				if (m->all[k].marked == oldest)
					m->all[k].marked = 0;
		r->marked = ++m->mark_seq;
	}
	return runs_model_marked(m, (int64_t[2]){ 0, 0 });
}

int runs_model_marked(const struct runs_model *m, int64_t out[2])
{
	const struct runs_row *first = NULL, *second = NULL;

	for (size_t k = 0; k < m->nall; k++) {
		const struct runs_row *r = &m->all[k];
		if (!r->marked)
			continue;
		if (!first || r->marked < first->marked) {
			second = first;
			first = r;
		} else {
			second = r;
		}
	}
	out[0] = first ? first->id : 0;
	out[1] = second ? second->id : 0;
	return (first != NULL) + (second != NULL);
}
