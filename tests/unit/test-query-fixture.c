/* test-query-fixture.c — the spec interpreter of test-query-fixture.h. */
#include "config.h"

#include "test-query-fixture.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct fixture {
	struct store *st;
	int64_t run, process, thread;
	int lineno;
};

/* Split `s` in place on blanks into at most `max` words; returns the count. */
static int split_words(char *s, char **w, int max)
{
	int n = 0;
	for (char *tok = strtok(s, " \t"); tok && n < max; tok = strtok(NULL, " \t"))
		w[n++] = tok;
	return n;
}

/* The rest of the line after the first `skip` words, or "". */
static const char *rest_after(const char *line, int skip)
{
	const char *p = line;
	for (int i = 0; i < skip; i++) {
		p += strspn(p, " \t");
		p += strcspn(p, " \t");
	}
	return p + strspn(p, " \t");
}

static int fx_run(struct fixture *fx, const char *kind, const char *command, char **why)
{
	struct store_run_info info = { .kind = kind, .command = command, .sampler = "python",
				       .mode = "cpu", .rate_hz = 100 };
	fx->process = fx->thread = 0;
	return store_run_create(fx->st, &info, &fx->run, why);
}

static int fx_finish(struct fixture *fx, char **w, int n, char **why)
{
	char *sql;
	int ret;
	if (n < 5)
		return hp_fail(why, -EINVAL, "line %d: finish STATUS SAMPLES ERRORS DURATION", fx->lineno);
	if ((ret = store_run_finish(fx->st, fx->run, w[1], 0, atoll(w[2]), atoll(w[3]), why)) < 0)
		return ret;
	sql = xasprintf("UPDATE runs SET ended_ns = started_ns + %lld, rate_hz = %s,"
			" python_version = '%s' WHERE id = %lld",
			(long long)(atof(w[4]) * 1e9), n > 5 ? w[5] : "100", n > 6 ? w[6] : "",
			(long long)fx->run);
	ret = store_exec(fx->st, sql, why);
	free(sql);
	return ret;
}

/* Intern one KIND|FUNCTION|FILE|LINE|DEF[|MODULE] frame. */
static int fx_frame(struct fixture *fx, char *spec, int64_t *id, char **why)
{
	char *f[6] = { 0 };
	int n = 0;
	struct store_frame fr;
	for (char *p = spec; n < 6; n++) {
		f[n] = p;
		if (!(p = strchr(p, '|'))) {
			n++;
			break;
		}
		*p++ = '\0';
	}
	if (n < 5)
		return hp_fail(why, -EINVAL, "line %d: frame needs KIND|FUNCTION|FILE|LINE|DEF", fx->lineno);
	fr = (struct store_frame){
		.kind = !strcmp(f[0], "py") ? FRAME_PYTHON : !strcmp(f[0], "kernel") ? FRAME_KERNEL : FRAME_NATIVE,
		.function = f[1], .file = f[2], .line = atoi(f[3]), .def_line = atoi(f[4]),
		.module = n > 5 ? f[5] : "",
	};
	return store_frame_intern(fx->st, &fr, id, why);
}

static int fx_sample(struct fixture *fx, char **w, int n, char **why)
{
	int64_t stack = 0, frame, count = atoll(w[1]);
	int first = 2, state = SAMPLE_ONCPU, ret;
	if (n > 2 && !strcmp(w[2], "idle"))
		state = SAMPLE_IDLE, first = 3;
	if (!fx->thread)
		return hp_fail(why, -EINVAL, "line %d: sample before thread", fx->lineno);
	for (int i = first; i < n; i++) {
		if ((ret = fx_frame(fx, w[i], &frame, why)) < 0 ||
		    (ret = store_stack_intern(fx->st, stack, frame, i - first + 1, &stack, why)) < 0)
			return ret;
	}
	return store_samples_add(fx->st, fx->run, fx->thread, stack, state, count, why);
}

/* Apply one directive. */
static int fx_line(struct fixture *fx, char *line, char **why)
{
	char *copy = xstrdup(line), *w[512];
	int n = split_words(copy, w, (int)HP_ARRAY_SIZE(w)), ret = 0;

	if (n == 0 || w[0][0] == '#')
		ret = 0;
	else if (!strcmp(w[0], "run") || !strcmp(w[0], "bench"))
		ret = fx_run(fx, !strcmp(w[0], "run") ? "profile" : "bench", rest_after(line, 1), why);
	else if (!strcmp(w[0], "finish"))
		ret = fx_finish(fx, w, n, why);
	else if (!strcmp(w[0], "process") && n > 1)
		ret = store_process_add(fx->st, fx->run, atoi(w[1]), 1, rest_after(line, 2),
					&fx->process, why);
	else if (!strcmp(w[0], "thread") && n > 1)
		ret = store_thread_add(fx->st, fx->process, atoi(w[1]), n > 2 ? w[2] : NULL,
				       &fx->thread, why);
	else if (!strcmp(w[0], "sample") && n > 2)
		ret = fx_sample(fx, w, n, why);
	else
		ret = hp_fail(why, -EINVAL, "line %d: cannot read '%s'", fx->lineno, line);
	free(copy);
	return ret;
}

int fixture_apply(struct store *st, const char *spec, int64_t *last_run, char **why)
{
	struct fixture fx = { .st = st };
	char *text = xstrdup(spec), *save = NULL;
	int ret = store_begin(st, why);

	for (char *line = strtok_r(text, "\n", &save); ret == 0 && line;
	     line = strtok_r(NULL, "\n", &save)) {
		fx.lineno++;
		ret = fx_line(&fx, line, why);
	}
	if (ret == 0)
		ret = store_commit(st, why);
	else
		store_rollback(st);
	free(text);
	if (last_run)
		*last_run = fx.run;
	return ret;
}
