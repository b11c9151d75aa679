/* cmd-import.c — hpbench import FILE.json...: pyperf JSON (format "1.0" and
 * version 6) into the database, one benchmark run per pyperf benchmark, so
 * pyperf results can be shown and compared with hpbench's own. */
#include "config.h"

#include "cmd.h"
#include "store-bench.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char import_help[] =
	"Reads pyperf JSON files (written by pyperf or 'hpbench export'); each\n"
	"benchmark becomes a run named after it.\n";

/* Metadata as text; NULL for values that have none (objects). */
static char *meta_text(json_t *v)
{
	struct strbuf sb;
	size_t i;
	json_t *item;
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.17g", json_real_value(v));
	if (!json_is_array(v))
		return NULL;
	strbuf_init(&sb);
	json_array_foreach(v, i, item)
		if (json_is_string(item))
			strbuf_printf(&sb, "%s%s", sb.len ? "," : "", json_string_value(item));
	return strbuf_detach(&sb);
}

/* A new object: base's members overridden by over's. */
static json_t *merged(json_t *base, json_t *over)
{
	json_t *m = json_is_object(base) ? json_deep_copy(base) : json_object();
	if (json_is_object(over))
		json_object_update(m, over);
	return m;
}

static long long meta_int(json_t *meta, const char *key)
{
	json_t *v = json_object_get(meta, key);
	return json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 1;
}

struct importer {
	struct store *st;
	int64_t run;
	int version;    /* 1: format "1.0", 0: version 6 (raw warm-ups) */
	size_t values, warmups;
	int64_t seq;
};

static int add_value(struct importer *im, int process, int warmup, long long loops, double v,
		     char **why)
{
	struct bench_value bv = {
		.seq = im->seq++, .process = process, .warmup = warmup, .loops = loops, .value = v,
		.wall_ns = (int64_t)(v * (double)loops * 1e9), .user_ns = -1, .sys_ns = -1,
		.max_rss_kb = -1, .exit_status = -1,
	};
	if (!(v >= 0))
		return hp_fail(why, -EINVAL, "a value is not a positive number");
	*(warmup ? &im->warmups : &im->values) += 1;
	return store_bench_value_add(im->st, im->run, &bv, why);
}

/* One pyperf run (a worker process): its warm-ups and values. */
static int import_run(struct importer *im, json_t *run, json_t *bmeta, int process, char **why)
{
	json_t *meta = merged(bmeta, json_object_get(run, "metadata")), *w, *v;
	long long total = meta_int(meta, "loops") * meta_int(meta, "inner_loops");
	long long inner = meta_int(meta, "inner_loops");
	size_t i;
	int rc = 0;
	json_array_foreach(json_object_get(run, "warmups"), i, w) {
		long long loops = json_integer_value(json_array_get(w, 0));
		double x = json_number_value(json_array_get(w, 1));
		if (!im->version) /* version 6 stored raw warm-up values */
			x /= (double)(loops * inner);
		if (!rc)
			rc = add_value(im, process, 1, loops * inner, x, why);
	}
	json_array_foreach(json_object_get(run, "values"), i, v)
		if (!rc)
			rc = add_value(im, process, 0, total, json_number_value(v), why);
	json_decref(meta);
	return rc;
}

static int import_meta(struct importer *im, json_t *meta, const char *file, char **why)
{
	const char *key;
	json_t *v;
	int rc = store_run_meta_set(im->st, im->run, "imported_from", file, why);
	json_object_foreach(meta, key, v) {
		char *text = meta_text(v);
		if (text && !rc)
			rc = store_run_meta_set(im->st, im->run, key, text, why);
		if (text && !rc && strcmp(key, "python_version") == 0)
			rc = store_run_set_python(im->st, im->run, text, why);
		free(text);
	}
	return rc;
}

static int import_bench(struct importer *im, json_t *bench, json_t *suite_meta,
			const char *file, char **why)
{
	json_t *bmeta = merged(suite_meta, json_object_get(bench, "metadata")), *run;
	const char *name = json_string_value(json_object_get(bmeta, "name"));
	const char *command = json_string_value(json_object_get(bmeta, "command"));
	char *cmd = xasprintf("pyperf %s (from %s)", name ? name : "?", file);
	struct store_run_info info = { .kind = "bench", .name = name, .command = command ? command : cmd };
	size_t i;
	int rc, process = 0;
	im->values = im->warmups = 0;
	im->seq = 0;
	if (!name)
		rc = hp_fail(why, -EINVAL, "%s: a benchmark has no name", file);
	else if ((rc = store_run_create(im->st, &info, &im->run, why)) == 0 &&
		 (rc = store_begin(im->st, why)) == 0) {
		rc = import_meta(im, bmeta, file, why);
		json_array_foreach(json_object_get(bench, "runs"), i, run) {
			if (rc || !json_array_size(json_object_get(run, "values")))
				continue; /* calibration runs have no values */
			rc = import_run(im, run, bmeta, process++, why);
		}
		if (rc)
			store_rollback(im->st);
		else
			rc = store_commit(im->st, why);
		store_run_finish(im->st, im->run, rc ? "failed" : "completed", 0,
				 rc ? 0 : (int64_t)im->values, 0, NULL);
	}
	if (!rc)
		printf("Imported '%s' as run %lld: %zu values (+ %zu warm-ups) in %d processes\n",
		       name, (long long)im->run, im->values, im->warmups, process);
	free(cmd);
	json_decref(bmeta);
	return rc;
}

static int import_file(struct store *st, const char *file, char **why)
{
	json_error_t err;
	json_t *root = json_load_file(file, 0, &err), *ver, *bench;
	struct importer im = { .st = st };
	size_t i;
	int rc = 0;
	if (!root)
		return hp_fail(why, -EINVAL, "%s:%d: not JSON: %s", file, err.line, err.text);
	ver = json_object_get(root, "version");
	if (json_is_string(ver) && strcmp(json_string_value(ver), "1.0") == 0)
		im.version = 1;
	else if (!(json_is_integer(ver) && json_integer_value(ver) == 6))
		rc = hp_fail(why, -EINVAL, "%s: not pyperf JSON of a known version (want \"1.0\" "
			     "or 6)", file);
	if (!rc && !json_array_size(json_object_get(root, "benchmarks")))
		rc = hp_fail(why, -EINVAL, "%s: no benchmarks in it", file);
	json_array_foreach(json_object_get(root, "benchmarks"), i, bench)
		if (!rc)
			rc = import_bench(&im, bench, json_object_get(root, "metadata"), file, why);
	json_decref(root);
	return rc;
}

extern const struct cmd_entry cmd_import_entry;

static int import_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	static const struct option opts[] = { HP_COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
	struct store *st = NULL;
	char *why = NULL;
	int c, status = HP_EXIT_OK;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		if (c == 'h') {
			cmd_print_usage(cc, &cmd_import_entry, import_help);
			return HP_EXIT_OK;
		}
		return cmd_usage_error(cc, "import", "unknown option");
	}
	if (optind >= argc)
		return cmd_usage_error(cc, "import", "which file? give pyperf JSON files");
	if (store_open(cmd_db_path(cc), 0, &st, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return HP_EXIT_FAIL;
	}
	for (int i = optind; i < argc; i++) {
		if (import_file(st, argv[i], &why) < 0) {
			hp_err("%s", why);
			free(why);
			why = NULL;
			status = HP_EXIT_FAIL;
		}
	}
	store_close(st);
	return status;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "import FILE.json...",
	.summary = "read pyperf JSON into the database",
	.exec = import_exec,
};
