/* cmd-timeit.c — hpbench timeit: Python statements timed in fresh worker
 * processes of the chosen interpreter(s), like `python -m pyperf timeit`:
 * one calibration process finds the loop count that makes a value last
 * --value-time, then each process gives warm-ups and values per loop. */
#include "config.h"

#include "bench/meta.h"
#include "bench/pyworker.h"
#include "bench/runopts.h"
#include "cmd.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct timeit_ctx {
	struct runopts o;
	char **pythons;     /* resolved interpreters, one benchmark each */
	const char **specs; /* as given, for labels */
	size_t npythons;
	struct strbuf setup, stmt, teardown;
	long loops;         /* 0: calibrate */
	double value_time;
	struct spawn_spec base;
	struct bench_profile *profs; /* --profile: one sampler per interpreter */
	size_t nprofs;
};

struct timeit_item {
	const char *python;
	long loops;
	struct bench_profile *prof; /* --profile: its sampler */
};

static const char timeit_help[] =
	"STMT (several are joined as lines) runs in a loop in fresh processes of\n"
	"each --python; values are seconds per loop.\n"
	"\nOptions:\n"
	"      --python PY       interpreter: a path, a command, or a version such as\n"
	"                        3.12 (pyenv's, else /usr/bin/python3.12); repeat it\n"
	"                        to compare interpreters (default python3)\n"
	"  -s, --setup CODE      run before the timed loop (repeatable, joined as lines)\n"
	"      --teardown CODE   run after the timed loop (repeatable)\n"
	"  -l, --loops N         loops per value (default: calibrate)\n"
	"      --value-time SEC  calibrate loops so one value lasts SEC (default 0.1)\n"
	"  -p, --processes N     worker processes per interpreter (default 20)\n"
	"  -n, --values N        values per process (default 3)\n"
	"  -w, --warmups N       warm-up values per process, stored apart (default 1)\n"
	RUNOPTS_HELP;

static void add_line(struct strbuf *sb, const char *line)
{
	strbuf_printf(sb, "%s%s", sb->len ? "\n" : "", line);
}

struct collect {
	struct runner *r;
	struct bench_item *it;
	int group;
	struct bench_value *vals;
	size_t n;
	long loops;
};

static int collect_line(const char *kind, const char *rest, void *arg)
{
	struct collect *c = arg;
	long long loops;
	double raw;
	if (strcmp(kind, "loops") == 0)
		return sscanf(rest, "%ld", &c->loops) == 1 ? 0 : -1;
	if (strcmp(kind, "warmup") && strcmp(kind, "value"))
		return 0;
	if (sscanf(rest, "%lld %lf", &loops, &raw) != 2 || loops < 1 || !(raw >= 0))
		return -1;
	c->vals = xreallocarray(c->vals, c->n + 1, sizeof(*c->vals));
	c->vals[c->n++] = (struct bench_value){
		.process = c->group, .warmup = kind[0] == 'w', .loops = loops,
		.value = raw / (double)loops, .wall_ns = (int64_t)(raw * 1e9),
		.user_ns = -1, .sys_ns = -1, .exit_status = 0,
	};
	return 0;
}

static int calibrate(struct timeit_ctx *tc, struct timeit_item *ti, char **why)
{
	struct spawn_spec base = tc->base;
	struct pyworker_job job = {
		.python = ti->python, .mode = "calibrate", .loops = 1, .value_time = tc->value_time,
		.setup = tc->setup.buf, .stmt = tc->stmt.buf, .teardown = tc->teardown.buf,
		.base = &base,
	};
	struct collect c = { 0 };
	struct spawn_result res;
	int rc;
	if (ti->prof) /* not sampled: shows the sampler the interpreter first */
		base.hooks = &ti->prof->probe_hooks;
	rc = pyworker_run(&job, collect_line, &c, &res, why);
	free(c.vals);
	if (!rc && c.loops < 1)
		rc = hp_fail(why, -EIO, "the worker did not report a loop count");
	ti->loops = c.loops;
	return rc;
}

static int timeit_group(struct runner *r, struct bench_item *it, int group, char **why)
{
	struct timeit_ctx *tc = r->priv;
	struct timeit_item *ti = it->priv;
	struct collect c = { r, it, group, NULL, 0, 0 };
	struct pyworker_job job = {
		.python = ti->python, .mode = "run", .warmups = r->warmups,
		.values = runner_group_values(r, it), .value_time = tc->value_time,
		.setup = tc->setup.buf, .stmt = tc->stmt.buf, .teardown = tc->teardown.buf,
		.base = &tc->base,
	};
	struct spawn_spec base = tc->base;
	struct spawn_result res;
	int rc = 0;
	if (ti->prof) { /* the worker, not the calibration */
		base.hooks = &ti->prof->hooks;
		job.base = &base;
	}
	if (!ti->loops && (rc = calibrate(tc, ti, why)) == 0)
		rc = meta_setf(r->st, it->run_id, "loops", why, "%ld", ti->loops);
	job.loops = ti->loops;
	if (!rc)
		rc = pyworker_run(&job, collect_line, &c, &res, why);
	for (size_t i = 0; i < c.n && !rc && !runner_stop; i++) {
		c.vals[i].max_rss_kb = res.max_rss_kb;
		rc = runner_value(r, it, &c.vals[i], why);
	}
	free(c.vals);
	return rc;
}

static char *timeit_command(struct timeit_ctx *tc, const char *python)
{
	struct strbuf sb;
	char *args[] = { (char *)"-s", tc->setup.buf, (char *)"--teardown", tc->teardown.buf,
			 tc->stmt.buf };
	char *q;
	strbuf_init(&sb);
	strbuf_printf(&sb, "timeit --python %s ", python);
	if (tc->setup.len) {
		q = hp_argv_join(2, args);
		strbuf_printf(&sb, "%s ", q);
		free(q);
	}
	if (tc->teardown.len) {
		q = hp_argv_join(2, args + 2);
		strbuf_printf(&sb, "%s ", q);
		free(q);
	}
	q = hp_argv_join(1, args + 4);
	strbuf_puts(&sb, q);
	free(q);
	return strbuf_detach(&sb);
}

/* Metadata of one interpreter's run (inside the caller's transaction). */
static int item_meta(struct timeit_ctx *tc, struct bench_item *it, char **why)
{
	struct timeit_item *ti = it->priv;
	struct store *st = tc->o.r.st;
	int rc = meta_collect_system(st, it->run_id, tc->o.has_affinity ? &tc->o.affinity : NULL,
				     why);
	if (!rc)
		rc = store_run_meta_set(st, it->run_id, "unit", "second", why);
	if (!rc)
		rc = pyworker_meta(ti->python, st, it->run_id, why);
	if (!rc && tc->loops)
		rc = meta_setf(st, it->run_id, "loops", why, "%ld", tc->loops);
	return rc;
}

static int create_items(struct timeit_ctx *tc, struct bench_item *items, char **why)
{
	char *settings = runopts_settings(&tc->o);
	int rc = 0;
	for (size_t i = 0; i < tc->npythons && !rc; i++) {
		struct bench_item *it = &items[i];
		struct timeit_item *ti = xcalloc(1, sizeof(*ti));
		struct store_run_info info = { .kind = "bench", .settings = settings };
		ti->python = tc->pythons[i];
		ti->loops = tc->loops;
		it->priv = ti;
		it->name = i < tc->o.nnames ? xstrdup(tc->o.names[i]) : NULL;
		it->command = timeit_command(tc, ti->python);
		it->label = xstrdup(it->name ? it->name : tc->npythons > 1 ? tc->specs[i] : tc->stmt.buf);
		info.name = it->name;
		info.command = it->command;
		rc = store_run_create(tc->o.r.st, &info, &it->run_id, why);
		if (!rc && !(rc = store_begin(tc->o.r.st, why))) {
			rc = item_meta(tc, it, why);
			if (rc)
				store_rollback(tc->o.r.st);
			else
				rc = store_commit(tc->o.r.st, why);
		}
	}
	free(settings);
	return rc;
}

/* --profile: a sampler per interpreter, fed its worker processes. */
static int start_profiles(struct timeit_ctx *tc, struct bench_item *items, char **why)
{
	int err = bench_profiles_start(&tc->o.profile, &tc->o.r, items, tc->npythons,
				       "whole worker processes sampled (setup and warm-up values "
				       "too), calibration not", &tc->profs, &tc->nprofs, why);
	for (size_t i = 0; i < tc->nprofs; i++)
		((struct timeit_item *)items[i].priv)->prof = &tc->profs[i];
	return err;
}

extern const struct cmd_entry cmd_timeit_entry;

static int add_python(struct timeit_ctx *tc, const char *spec, char **why)
{
	char *py = pyworker_resolve(spec, why);
	if (!py)
		return -1;
	tc->pythons = xreallocarray(tc->pythons, tc->npythons + 1, sizeof(char *));
	tc->specs = xreallocarray(tc->specs, tc->npythons + 1, sizeof(char *));
	tc->specs[tc->npythons] = spec;
	tc->pythons[tc->npythons++] = py;
	return 0;
}

static int timeit_parse(struct cmd_ctx *cc, struct timeit_ctx *tc, int argc, char **argv)
{
	enum { O_PYTHON = HP_OPT_FIRST_FREE, O_TEARDOWN, O_VALUE_TIME };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		RUNOPTS_LONGOPTS,
		{ "python", required_argument, NULL, O_PYTHON },
		{ "setup", required_argument, NULL, 's' },
		{ "teardown", required_argument, NULL, O_TEARDOWN },
		{ "loops", required_argument, NULL, 'l' },
		{ "value-time", required_argument, NULL, O_VALUE_TIME },
		{ NULL, 0, NULL, 0 },
	};
	char *why = NULL;
	int c, r;
	while ((c = getopt_long(argc, argv, "h" RUNOPTS_SHORT "s:l:", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		if ((r = runopts_parse(&tc->o, c, optarg, &why)) != 0) {
			if (r < 0)
				goto bad;
			continue;
		}
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_timeit_entry, timeit_help); return 1;
		case O_PYTHON:
			if (add_python(tc, optarg, &why) < 0)
				goto bad;
			break;
		case 's': add_line(&tc->setup, optarg); break;
		case O_TEARDOWN: add_line(&tc->teardown, optarg); break;
		case 'l':
			if (hp_parse_long(optarg, 1, 1L << 40, &tc->loops) < 0) {
				why = xasprintf("-l/--loops wants a whole number >= 1, not '%s'", optarg);
				goto bad;
			}
			break;
		case O_VALUE_TIME:
			if (hp_parse_double(optarg, 1e-6, 3600, &tc->value_time) < 0) {
				why = xasprintf("--value-time wants seconds, not '%s'", optarg);
				goto bad;
			}
			break;
		default: return -cmd_usage_error(cc, "timeit", "unknown option");
		}
	}
	if (optind >= argc)
		return -cmd_usage_error(cc, "timeit", "no statement to time");
	for (int i = optind; i < argc; i++)
		add_line(&tc->stmt, argv[i]);
	if (!tc->npythons && add_python(tc, "python3", &why) < 0)
		goto bad;
	if (tc->o.nnames > tc->npythons)
		return -cmd_usage_error(cc, "timeit", "more --name options than --python options");
	return 0;
bad:
	r = cmd_usage_error(cc, "timeit", "%s", why);
	free(why);
	return -r;
}

static int timeit_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	struct timeit_ctx tc;
	struct bench_item *items = NULL;
	char *why = NULL;
	int err, status;

	memset(&tc, 0, sizeof(tc));
	runopts_init(&tc.o);
	tc.o.r.processes = 20;
	tc.value_time = 0.1;
	strbuf_init(&tc.setup);
	strbuf_init(&tc.stmt);
	strbuf_init(&tc.teardown);
	spawn_spec_init(&tc.base, NULL);
	err = timeit_parse(cc, &tc, argc, argv);
	if (err) {
		status = err > 0 ? HP_EXIT_OK : -err;
		goto cleanup;
	}
	if (tc.o.r.target_ci > 0 && tc.o.r.max_time <= 0)
		tc.o.r.max_time = 60;
	if (tc.o.has_affinity)
		tc.base.affinity = &tc.o.affinity;
	items = xcalloc(tc.npythons, sizeof(*items));
	status = HP_EXIT_FAIL;
	if ((err = store_open(cmd_db_path(cc), 0, &tc.o.r.st, &why)) < 0 ||
	    (err = create_items(&tc, items, &why)) < 0) {
		hp_err("%s", why);
		for (size_t i = 0; i < tc.npythons; i++)
			if (items[i].run_id)
				store_run_finish(tc.o.r.st, items[i].run_id, "failed", 0, 0, 0, NULL);
		goto cleanup;
	}
	tc.o.profile.db_path = cmd_db_path(cc);
	if (tc.o.profile.enabled && (err = start_profiles(&tc, items, &why)) < 0) {
		hp_err("%s", why);
		goto cleanup;
	}
	tc.o.r.group = timeit_group;
	tc.o.r.priv = &tc;
	err = runner_run(&tc.o.r, items, tc.npythons, &why);
	bench_profiles_finish(tc.profs, tc.nprofs, tc.o.r.st, items);
	tc.nprofs = 0;
	status = runopts_finish(&tc.o, items, tc.npythons, err, why);
cleanup:
	free(why);
	bench_profiles_finish(tc.profs, tc.nprofs, tc.o.r.st, items);
	free(tc.profs);
	for (size_t i = 0; items && i < tc.npythons; i++) {
		free(items[i].priv);
		bench_item_done(&items[i]);
	}
	free(items);
	if (tc.o.r.st)
		store_close(tc.o.r.st);
	for (size_t i = 0; i < tc.npythons; i++)
		free(tc.pythons[i]);
	free(tc.pythons);
	free(tc.specs);
	strbuf_done(&tc.setup);
	strbuf_done(&tc.stmt);
	strbuf_done(&tc.teardown);
	runopts_done(&tc.o);
	return status;
}

const struct cmd_entry cmd_timeit_entry = {
	.name = "timeit",
	.usage = "timeit [--python PY]... [-s SETUP] [--teardown CODE] [OPTIONS] STMT...",
	.summary = "time Python statements in fresh interpreters",
	.exec = timeit_exec,
};
