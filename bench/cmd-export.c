/* cmd-export.c — hpbench export RUN... --format pyperf|hyperfine|csv|markdown:
 * hand runs to other tools (pyperf stats, hyperfine's scripts, a
 * spreadsheet, a README). */
#include "config.h"

#include "bench/export.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct export_ops *const formats[] = {
	&export_pyperf, &export_hyperfine, &export_csv, &export_markdown, NULL,
};

static const char export_help[] =
	"\nOptions:\n"
	"  -f, --format FMT      pyperf (default: JSON for 'pyperf stats'), hyperfine\n"
	"                        (JSON like 'hyperfine --export-json'), csv (one row per\n"
	"                        value), markdown (summary table)\n"
	"  -o, --output FILE     write to FILE instead of standard output\n";

const char *export_meta(const struct export_run *r, const char *key)
{
	for (size_t i = 0; i < r->nmeta; i++)
		if (strcmp(r->keys[i], key) == 0)
			return r->values[i];
	return NULL;
}

static int add_meta(const char *key, const char *value, void *arg)
{
	struct export_run *r = arg;
	r->keys = xreallocarray(r->keys, r->nmeta + 1, sizeof(char *));
	r->values = xreallocarray(r->values, r->nmeta + 1, sizeof(char *));
	r->keys[r->nmeta] = xstrdup(key);
	r->values[r->nmeta++] = xstrdup(value);
	return 0;
}

static void export_run_done(struct export_run *r)
{
	for (size_t i = 0; i < r->nmeta; i++) {
		free(r->keys[i]);
		free(r->values[i]);
	}
	free(r->keys);
	free(r->values);
	runload_done(&r->rl);
}

static int export_all(struct store *st, char **specs, int n, const struct export_ops *fmt,
		      const char *out)
{
	struct export_run *runs = xcalloc((size_t)n, sizeof(*runs));
	char *why = NULL;
	FILE *f = stdout;
	int rc = 0;
	for (int i = 0; i < n && !rc; i++)
		if ((rc = runload_get(st, specs[i], &runs[i].rl, &why)) == 0)
			rc = store_bench_meta_each(st, runs[i].rl.info.id, add_meta, &runs[i], &why);
	if (!rc && out && !(f = fopen(out, "w")))
		rc = hp_fail(&why, -1, "cannot write %s: %m", out);
	if (!rc)
		rc = fmt->write(f, runs, (size_t)n, &why);
	if (f && f != stdout && fclose(f) != 0 && !rc)
		rc = hp_fail(&why, -1, "cannot write %s: %m", out);
	if (rc)
		hp_err("%s", why);
	free(why);
	for (int i = 0; i < n; i++)
		export_run_done(&runs[i]);
	free(runs);
	return rc ? HP_EXIT_FAIL : HP_EXIT_OK;
}

extern const struct cmd_entry cmd_export_entry;

static int export_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const struct export_ops *fmt = &export_pyperf;
	const char *out = NULL;
	struct store *st;
	int c, status;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_export_entry, export_help); return HP_EXIT_OK;
		case 'f':
			for (fmt = NULL, c = 0; formats[c] && !fmt; c++)
				if (strcmp(formats[c]->name, optarg) == 0)
					fmt = formats[c];
			if (!fmt)
				return cmd_usage_error(cc, "export", "unknown format '%s': use pyperf, "
						       "hyperfine, csv or markdown", optarg);
			break;
		case 'o': out = optarg; break;
		default: return cmd_usage_error(cc, "export", "unknown option");
		}
	}
	if (optind >= argc)
		return cmd_usage_error(cc, "export", "which runs? give ids or names");
	if (!(st = runload_store(cc)))
		return HP_EXIT_FAIL;
	status = export_all(st, argv + optind, argc - optind, fmt, out);
	store_close(st);
	return status;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "export [-f pyperf|hyperfine|csv|markdown] [-o FILE] RUN...",
	.summary = "write runs as pyperf/hyperfine JSON, CSV or Markdown",
	.exec = export_exec,
};
