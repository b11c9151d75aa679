/* model-threads.c — the Threads screen's rows: everything, each process and
 * each of its threads, with their samples; choosing one filters all screens. */
#include "config.h"

#include "model.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct threads_row *add_row(struct threads_model *m)
{
	m->rows = xreallocarray(m->rows, m->nrows + 1, sizeof *m->rows);
	memset(&m->rows[m->nrows], 0, sizeof m->rows[0]);
	return &m->rows[m->nrows++];
}

static void add_process(struct threads_model *m, const struct query_profile *p, int pid)
{
	struct threads_row *r = add_row(m);
	size_t nth = 0;

	r->pid = pid;
	for (size_t i = 0; i < p->nthreads; i++)
		if (p->threads[i].pid == pid) {
			m->rows[m->nrows - 1].samples += p->threads[i].samples;
			nth++;
		}
	snprintf(m->rows[m->nrows - 1].label, sizeof r->label, "process %d (%zu thread%s)", pid,
		 nth, nth == 1 ? "" : "s");
	for (size_t i = 0; i < p->nthreads; i++) {
		const struct query_thread *t = &p->threads[i];
		if (t->pid != pid)
			continue;
		r = add_row(m);
		r->pid = pid;
		r->tid = t->tid;
		r->samples = t->samples;
		snprintf(r->label, sizeof r->label, "  thread %d%s%s", t->tid,
			 t->name && *t->name ? " " : "", t->name ? t->name : "");
	}
}

void threads_model_init(struct threads_model *m, const struct query_profile *p)
{
	struct threads_row *all;

	memset(m, 0, sizeof *m);
	all = add_row(m);
	snprintf(all->label, sizeof all->label, "all processes and threads");
	all->samples = p->total;
	for (size_t i = 0; i < p->nthreads; i++) {
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = p->threads[k].pid == p->threads[i].pid;
		if (!seen)
			add_process(m, p, p->threads[i].pid);
	}
}

void threads_model_done(struct threads_model *m)
{
	free(m->rows);
	memset(m, 0, sizeof *m);
}
