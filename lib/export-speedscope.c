/* export-speedscope.c — the file speedscope.app opens
 * (https://www.speedscope.app/file-format-schema.json): shared frames with
 * name, file and line, and one "sampled" profile per thread whose samples
 * are frame indices root first, weighted by their counts. */
#include "config.h"

#include "export.h"
#include "util.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *frames_json(const struct query_profile *p)
{
	json_t *frames = json_array();
	for (size_t i = 0; i < p->nframes; i++) {
		const struct query_frame *f = &p->frames[i];
		json_t *o = json_object();
		const char *where = f->file[0] ? f->file : f->module;
		json_object_set_new(o, "name", export_json_string(f->function));
		if (where[0])
			json_object_set_new(o, "file", export_json_string(where));
		if (f->line > 0)
			json_object_set_new(o, "line", json_integer(f->line));
		json_array_append_new(frames, o);
	}
	return frames;
}

/* The sampled profile of thread `t`: its kept stacks and their weights. */
static json_t *thread_profile(const struct query_profile *p, size_t t)
{
	const struct query_thread *th = &p->threads[t];
	json_t *o = json_object(), *samples = json_array(), *weights = json_array();
	char *name = th->name[0] ? xasprintf("%s (pid %d, tid %d)", th->name, th->pid, th->tid)
				 : xasprintf("pid %d, tid %d", th->pid, th->tid);
	int64_t sum = 0;

	for (size_t i = 0; i < p->nsamples; i++) {
		const struct query_sample *q = &p->samples[i];
		const struct query_stack *s = &p->stacks[q->stack];
		json_t *stack;
		if ((size_t)q->thread != t || !s->kept || q->count == 0)
			continue;
		stack = json_array();
		for (int k = 0; k < s->nframes; k++)
			json_array_append_new(stack, json_integer(s->frames[k]));
		json_array_append_new(samples, stack);
		json_array_append_new(weights, json_integer(q->count));
		sum += q->count;
	}
	json_object_set_new(o, "type", json_string("sampled"));
	json_object_set_new(o, "name", export_json_string(name));
	json_object_set_new(o, "unit", json_string("none"));
	json_object_set_new(o, "startValue", json_integer(0));
	json_object_set_new(o, "endValue", json_integer(sum));
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "weights", weights);
	free(name);
	return o;
}

int export_speedscope(const struct query_profile *p, FILE *out)
{
	json_t *root = json_object(), *shared = json_object(), *profiles = json_array();
	char *name = xasprintf("run %lld: %s", (long long)p->run.id, p->run.command);
	int ret;

	json_object_set_new(root, "$schema", json_string("https://www.speedscope.app/file-format-schema.json"));
	json_object_set_new(shared, "frames", frames_json(p));
	json_object_set_new(root, "shared", shared);
	for (size_t t = 0; t < p->nthreads; t++)
		if (p->threads[t].samples > 0)
			json_array_append_new(profiles, thread_profile(p, t));
	json_object_set_new(root, "profiles", profiles);
	json_object_set_new(root, "name", export_json_string(name));
	json_object_set_new(root, "activeProfileIndex", json_integer(0));
	json_object_set_new(root, "exporter", json_string(PACKAGE_STRING));
	ret = json_dumpf(root, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	free(name);
	return ret < 0 || ferror(out) ? -1 : 0;
}
