/* cmd-run.c — hpbench run: time commands over many runs, pyperf-shaped
 * (process groups of warm-ups + values), several commands interleaved, every
 * value and the machine's state stored, and a summary that says how sure the
 * numbers are.
 *
 * Each spawn goes through bench/spawn.c with a hooks pointer: a sampler for
 * `run --profile` attaches in after_spawn (it gets the child's pid) and
 * detaches in after_exit. */
#include "config.h"

#include "bench/meta.h"
#include "bench/profile.h"
#include "bench/pyworker.h"
#include "bench/runopts.h"
#include "bench/spawn.h"
#include "bench/words.h"
#include "cmd.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SCANS 8

struct run_cmd {
	char **argv;
	char *prepare, *setup, *cleanup;
	char *params;
	struct bench_profile *prof; /* --profile: its sampler; NULL without */
};

struct run_ctx {
	struct runopts o;
	const char *prepare, *setup, *cleanup, *shell, *output;
	int env_clean, ignore_failure;
	char **cmd_strings;   /* -c, in order */
	size_t ncmd_strings;
	struct scan scans[MAX_SCANS];
	size_t nscans;
	struct spawn_spec spec; /* output, environment, affinity, hooks */
	char **clean_env;
	double shell_overhead; /* seconds, subtracted with --shell */
	struct bench_profile *profs; /* --profile: one sampler per benchmark */
	size_t nprofs;
};

static const char run_help[] =
	"Each value is one run of COMMAND, started without a shell and timed with\n"
	"CLOCK_MONOTONIC.  Several commands (COMMAND and each -c) run interleaved.\n"
	"\nOptions:\n"
	"  -c, --command CMD     another command to compare (split into words like a\n"
	"                        shell would, without expansions; repeatable)\n"
	"  -p, --processes N     groups of runs per command (default 10)\n"
	"  -n, --values N        timed runs per group (default 3)\n"
	"  -w, --warmups N       warm-up runs per group, stored apart (default 1)\n"
	RUNOPTS_HELP
	"      --prepare CMD     shell command before every run (not timed)\n"
	"      --setup CMD       shell command once before a command's first run\n"
	"      --cleanup CMD     shell command once after a command's last run\n"
	"      --shell[=SHELL]   run commands through SHELL -c (default /bin/sh); the\n"
	"                        shell's own start-up is measured and subtracted\n"
	"      --env-clean       run with PATH, HOME, USER, LOGNAME, SHELL, LANG, LC_ALL,\n"
	"                        LC_CTYPE, TMPDIR, TERM and TZ only\n"
	"      --output WHERE    the commands' stdout and stderr: null (default),\n"
	"                        inherit, or a FILE\n"
	"      --ignore-failure  keep timing commands that exit non-zero\n"
	"  -P, --parameter-scan VAR MIN MAX\n"
	"                        one benchmark per integer VAR in MIN..MAX; {VAR} in\n"
	"                        commands, names and --prepare/--setup/--cleanup\n"
	"  -L, --parameter-list VAR A,B,...\n"
	"                        one benchmark per listed value of VAR\n";

static const char *const kept_env[] = {
	"PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR",
	"TERM", "TZ",
};

static char **make_clean_env(void)
{
	char **env = xcalloc(HP_ARRAY_SIZE(kept_env) + 1, sizeof(*env));
	size_t n = 0;
	for (size_t i = 0; i < HP_ARRAY_SIZE(kept_env); i++) {
		const char *v = getenv(kept_env[i]);
		if (v)
			env[n++] = xasprintf("%s=%s", kept_env[i], v);
	}
	return env;
}

/* A helper shell command (--prepare, --setup, --cleanup): not timed. */
static int run_shell(struct run_ctx *rc, const char *what, const char *cmd, char **why)
{
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", (char *)cmd, NULL };
	struct spawn_spec s = rc->spec;
	struct spawn_result res;
	int err;
	s.argv = argv;
	s.hooks = NULL;
	err = spawn_run(&s, &res, why);
	if (err < 0)
		return err;
	if (res.exit_code)
		return hp_fail(why, -EIO, "the %s command '%s' failed with status %d", what, cmd,
			       res.exit_code);
	return 0;
}

/* Median wall time of `SHELL -c ''`: the part of every value that is the
 * shell's own start-up. */
static int measure_shell(struct run_ctx *rc, char **why)
{
	char *argv[] = { (char *)rc->shell, (char *)"-c", (char *)"", NULL };
	struct spawn_spec s = rc->spec;
	struct spawn_result res;
	double v[30];
	int err;
	s.argv = argv;
	s.hooks = NULL;
	for (int i = -5; i < 30; i++) {
		if ((err = spawn_run(&s, &res, why)) < 0)
			return err;
		if (i >= 0)
			v[i] = (double)res.wall_ns / 1e9;
	}
	rc->shell_overhead = stats_median(v, 30);
	return 0;
}

static int one_run(struct runner *r, struct bench_item *it, int group, int warmup, char **why)
{
	struct run_ctx *rc = r->priv;
	struct run_cmd *cmd = it->priv;
	struct spawn_spec s = rc->spec;
	struct spawn_result res;
	struct bench_value v = { 0 };
	int err;
	if (cmd->prepare && (err = run_shell(rc, "--prepare", cmd->prepare, why)) < 0)
		return err;
	s.argv = cmd->argv;
	if (cmd->prof)
		s.hooks = warmup ? &cmd->prof->probe_hooks : &cmd->prof->hooks;
	if ((err = spawn_run(&s, &res, why)) < 0)
		return err;
	if (runner_stop)
		return 0; /* killed by the same Ctrl-C: not a value */
	if (res.exit_code && !rc->ignore_failure)
		return hp_fail(why, -EIO, "'%s' exited with status %d; fix it or pass "
			       "--ignore-failure to time it anyway", it->label, res.exit_code);
	v.process = group;
	v.warmup = warmup;
	v.loops = 1;
	v.value = (double)res.wall_ns / 1e9 - rc->shell_overhead;
	if (v.value <= 0)
		v.value = 1e-9; /* faster than the bare shell: below what we can see */
	v.wall_ns = (int64_t)res.wall_ns;
	v.user_ns = (int64_t)res.user_ns;
	v.sys_ns = (int64_t)res.sys_ns;
	v.max_rss_kb = res.max_rss_kb;
	v.exit_status = res.exit_code;
	return runner_value(r, it, &v, why);
}

static int run_group(struct runner *r, struct bench_item *it, int group, char **why)
{
	struct run_ctx *rc = r->priv;
	struct run_cmd *cmd = it->priv;
	int nv = runner_group_values(r, it), err = 0;
	if (group == 0 && cmd->setup && (err = run_shell(rc, "--setup", cmd->setup, why)) < 0)
		return err;
	for (int i = 0; i < r->warmups + nv && !err && !runner_stop; i++)
		err = one_run(r, it, group, i < r->warmups, why);
	return err;
}

/* The argv and the stored text of command `c` in scan combination k. */
static int build_argv(struct run_ctx *rc, char **pos, int npos, size_t c, size_t k,
		      struct run_cmd *cmd, char **text, char **why)
{
	char **words = NULL;
	size_t n = 0;
	int err = 0;
	if (rc->shell) {
		struct strbuf sb;
		strbuf_init(&sb);
		if (c == 0 && npos)
			for (int i = 0; i < npos; i++)
				strbuf_printf(&sb, "%s%s", i ? " " : "", pos[i]);
		else
			strbuf_puts(&sb, rc->cmd_strings[c - (npos ? 1 : 0)]);
		*text = scan_subst(sb.buf, rc->scans, rc->nscans, k);
		strbuf_done(&sb);
		cmd->argv = xcalloc(4, sizeof(char *));
		cmd->argv[0] = xstrdup(rc->shell);
		cmd->argv[1] = xstrdup("-c");
		cmd->argv[2] = xstrdup(*text);
		return 0;
	}
	if (c == 0 && npos) {
		words = xcalloc((size_t)npos + 1, sizeof(*words));
		for (int i = 0; i < npos; i++)
			words[i] = xstrdup(pos[i]);
	} else if ((err = words_split(rc->cmd_strings[c - (npos ? 1 : 0)], &words, why)) < 0) {
		return err;
	}
	while (words[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		char *w = scan_subst(words[i], rc->scans, rc->nscans, k);
		free(words[i]);
		words[i] = w;
	}
	cmd->argv = words;
	*text = hp_argv_join((int)n, words);
	return 0;
}

static char *subst_opt(struct run_ctx *rc, const char *s, size_t k)
{
	return s ? scan_subst(s, rc->scans, rc->nscans, k) : NULL;
}

/* Name of command c in combination k: {VAR} substituted, or [VAR=..]
 * appended so each scanned benchmark has its own name. */
static char *item_name(struct run_ctx *rc, size_t c, size_t k, const char *params)
{
	const char *base = c < rc->o.nnames ? rc->o.names[c] : NULL;
	char *name, *with;
	if (!base)
		return NULL;
	name = scan_subst(base, rc->scans, rc->nscans, k);
	if (!rc->nscans || strcmp(name, base) != 0)
		return name;
	with = xasprintf("%s[%s]", name, params);
	free(name);
	return with;
}

static int build_items(struct run_ctx *rc, char **pos, int npos, struct bench_item **out,
		       size_t *nout, char **why)
{
	size_t ncmds = (npos ? 1 : 0) + rc->ncmd_strings, ncomb = scan_combinations(rc->scans,
										   rc->nscans);
	struct bench_item *items = xcalloc(ncmds * ncomb, sizeof(*items));
	size_t n = 0;
	int err = 0;
	for (size_t c = 0; c < ncmds && !err; c++) {
		for (size_t k = 0; k < ncomb && !err; k++) {
			struct bench_item *it = &items[n++];
			struct run_cmd *cmd = xcalloc(1, sizeof(*cmd));
			it->priv = cmd;
			err = build_argv(rc, pos, npos, c, k, cmd, &it->command, why);
			cmd->params = scan_describe(rc->scans, rc->nscans, k);
			cmd->prepare = subst_opt(rc, rc->prepare, k);
			cmd->setup = subst_opt(rc, rc->setup, k);
			cmd->cleanup = subst_opt(rc, rc->cleanup, k);
			it->name = item_name(rc, c, k, cmd->params);
			it->label = xstrdup(it->name ? it->name : it->command ? it->command : "?");
		}
	}
	*out = items;
	*nout = n;
	return err;
}

static void free_items(struct bench_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct run_cmd *cmd = items[i].priv;
		if (cmd) {
			words_free(cmd->argv);
			free(cmd->prepare);
			free(cmd->setup);
			free(cmd->cleanup);
			free(cmd->params);
			free(cmd);
		}
		bench_item_done(&items[i]);
	}
	free(items);
}

static int item_meta(struct run_ctx *rc, struct bench_item *it, char **why)
{
	struct run_cmd *cmd = it->priv;
	struct store *st = rc->o.r.st;
	int err = meta_collect_system(st, it->run_id, rc->o.has_affinity ? &rc->o.affinity : NULL,
				      why);
	if (!err)
		err = store_run_meta_set(st, it->run_id, "unit", "second", why);
	if (!err)
		err = store_run_meta_set(st, it->run_id, "timer", "CLOCK_MONOTONIC", why);
	if (!err && *cmd->params)
		err = store_run_meta_set(st, it->run_id, "params", cmd->params, why);
	if (!err && rc->shell)
		err = meta_setf(st, it->run_id, "shell", why, "%s (start-up %.6f s subtracted)",
				rc->shell, rc->shell_overhead);
	if (!err && rc->env_clean)
		err = store_run_meta_set(st, it->run_id, "env", "clean", why);
	if (!err && pyworker_is_python(cmd->argv[0])) {
		char *pywhy = NULL;
		if (pyworker_meta(cmd->argv[0], st, it->run_id, &pywhy) < 0)
			hp_warn("no Python metadata for %s: %s", it->label, pywhy);
		free(pywhy);
	}
	return err;
}

static int create_runs(struct run_ctx *rc, struct bench_item *items, size_t n, char **why)
{
	char *settings = runopts_settings(&rc->o);
	int err = 0;
	for (size_t i = 0; i < n && !err; i++) {
		struct store_run_info info = {
			.kind = "bench", .name = items[i].name, .command = items[i].command,
			.settings = settings,
		};
		err = store_run_create(rc->o.r.st, &info, &items[i].run_id, why);
		/* one transaction for all metadata: one disk sync, not one per key */
		if (!err && !(err = store_begin(rc->o.r.st, why))) {
			err = item_meta(rc, &items[i], why);
			if (err)
				store_rollback(rc->o.r.st);
			else
				err = store_commit(rc->o.r.st, why);
		}
	}
	free(settings);
	return err;
}

/* --profile: a sampler per benchmark, fed the timed runs (not warm-ups). */
static int start_profiles(struct run_ctx *rc, struct bench_item *items, size_t n, char **why)
{
	int err = bench_profiles_start(&rc->o.profile, &rc->o.r, items, n, "warm-ups not sampled",
				       &rc->profs, &rc->nprofs, why);
	for (size_t i = 0; i < rc->nprofs; i++)
		((struct run_cmd *)items[i].priv)->prof = &rc->profs[i];
	return err;
}

static void cleanup_items(struct run_ctx *rc, struct bench_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct run_cmd *cmd = items[i].priv;
		char *why = NULL;
		if (cmd->cleanup && items[i].groups && run_shell(rc, "--cleanup", cmd->cleanup, &why) < 0) {
			hp_warn("%s", why);
			free(why);
		}
	}
}

static int open_output(struct run_ctx *rc, char **why)
{
	int fd;
	if (!rc->output || strcmp(rc->output, "null") == 0)
		return 0;
	if (strcmp(rc->output, "inherit") == 0) {
		rc->spec.output = SPAWN_OUT_INHERIT;
		return 0;
	}
	fd = open(rc->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return hp_fail(why, -errno, "cannot write --output %s: %s", rc->output,
			       strerror(errno));
	rc->spec.output = SPAWN_OUT_FD;
	rc->spec.out_fd = fd;
	return 0;
}

static int run_parse_scan(struct run_ctx *rc, int c, int argc, char **argv, char **why)
{
	const char *var = optarg;
	int err;
	if (rc->nscans == MAX_SCANS)
		return hp_fail(why, -EINVAL, "at most %d parameter scans", MAX_SCANS);
	if (c == 'P') {
		if (optind + 1 >= argc)
			return hp_fail(why, -EINVAL, "-P wants VAR MIN MAX");
		err = scan_range(&rc->scans[rc->nscans], var, argv[optind], argv[optind + 1], why);
		optind += 2;
	} else {
		if (optind >= argc)
			return hp_fail(why, -EINVAL, "-L wants VAR A,B,...");
		err = scan_list(&rc->scans[rc->nscans], var, argv[optind], why);
		optind += 1;
	}
	if (!err)
		rc->nscans++;
	return err;
}

extern const struct cmd_entry cmd_run_entry;

static int run_parse(struct cmd_ctx *cc, struct run_ctx *rc, int argc, char **argv)
{
	enum { O_PREPARE = HP_OPT_FIRST_FREE, O_SETUP, O_CLEANUP, O_SHELL, O_ENV_CLEAN, O_OUTPUT,
	       O_IGNORE_FAILURE };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		RUNOPTS_LONGOPTS,
		{ "command", required_argument, NULL, 'c' },
		{ "prepare", required_argument, NULL, O_PREPARE },
		{ "setup", required_argument, NULL, O_SETUP },
		{ "cleanup", required_argument, NULL, O_CLEANUP },
		{ "shell", optional_argument, NULL, O_SHELL },
		{ "env-clean", no_argument, NULL, O_ENV_CLEAN },
		{ "output", required_argument, NULL, O_OUTPUT },
		{ "ignore-failure", no_argument, NULL, O_IGNORE_FAILURE },
		{ "parameter-scan", required_argument, NULL, 'P' },
		{ "parameter-list", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	char *why = NULL;
	int c, r;
	while ((c = getopt_long(argc, argv, "+h" RUNOPTS_SHORT "c:P:L:", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		if ((r = runopts_parse(&rc->o, c, optarg, &why)) != 0) {
			if (r < 0)
				goto bad;
			continue;
		}
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_run_entry, run_help); return 1;
		case 'c':
			rc->cmd_strings = xreallocarray(rc->cmd_strings, rc->ncmd_strings + 1,
							sizeof(char *));
			rc->cmd_strings[rc->ncmd_strings++] = optarg;
			break;
		case O_PREPARE: rc->prepare = optarg; break;
		case O_SETUP: rc->setup = optarg; break;
		case O_CLEANUP: rc->cleanup = optarg; break;
		case O_SHELL: rc->shell = optarg ? optarg : "/bin/sh"; break;
		case O_ENV_CLEAN: rc->env_clean = 1; break;
		case O_OUTPUT: rc->output = optarg; break;
		case O_IGNORE_FAILURE: rc->ignore_failure = 1; break;
		case 'P': case 'L':
			if (run_parse_scan(rc, c, argc, argv, &why) < 0)
				goto bad;
			break;
		default: return -cmd_usage_error(cc, "run", "unknown option");
		}
	}
	if (optind >= argc && rc->ncmd_strings == 0)
		return -cmd_usage_error(cc, "run", "no command to benchmark");
	if (rc->o.nnames > (optind < argc ? 1 : 0) + rc->ncmd_strings)
		return -cmd_usage_error(cc, "run", "more --name options than commands");
	return 0;
bad:
	r = cmd_usage_error(cc, "run", "%s", why);
	free(why);
	return -r;
}

static int run_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	struct run_ctx rc;
	struct bench_item *items = NULL;
	size_t n = 0;
	char *why = NULL;
	int err, status;

	memset(&rc, 0, sizeof(rc));
	runopts_init(&rc.o);
	spawn_spec_init(&rc.spec, NULL);
	err = run_parse(cc, &rc, argc, argv);
	if (err) {
		status = err > 0 ? HP_EXIT_OK : -err;
		goto cleanup;
	}
	if (rc.o.r.target_ci > 0 && rc.o.r.max_time <= 0)
		rc.o.r.max_time = 60;
	if (rc.o.has_affinity)
		rc.spec.affinity = &rc.o.affinity;
	if (rc.env_clean)
		rc.spec.envp = rc.clean_env = make_clean_env();
	status = HP_EXIT_FAIL;
	rc.o.profile.db_path = cmd_db_path(cc);
	if ((err = open_output(&rc, &why)) < 0 ||
	    (err = build_items(&rc, argv + optind, argc - optind, &items, &n, &why)) < 0 ||
	    (rc.shell && (err = measure_shell(&rc, &why)) < 0) ||
	    (err = store_open(cmd_db_path(cc), 0, &rc.o.r.st, &why)) < 0 ||
	    (err = create_runs(&rc, items, n, &why)) < 0 ||
	    (rc.o.profile.enabled && (err = start_profiles(&rc, items, n, &why)) < 0)) {
		hp_err("%s", why);
		goto cleanup;
	}
	rc.o.r.group = run_group;
	rc.o.r.priv = &rc;
	err = runner_run(&rc.o.r, items, n, &why);
	bench_profiles_finish(rc.profs, rc.nprofs, rc.o.r.st, items);
	rc.nprofs = 0;
	cleanup_items(&rc, items, n);
	status = runopts_finish(&rc.o, items, n, err, why);
cleanup:
	free(why);
	bench_profiles_finish(rc.profs, rc.nprofs, rc.o.r.st, items);
	free(rc.profs);
	free_items(items, n);
	if (rc.o.r.st)
		store_close(rc.o.r.st);
	if (rc.spec.out_fd >= 0)
		close(rc.spec.out_fd);
	words_free(rc.clean_env);
	for (size_t i = 0; i < rc.nscans; i++)
		scan_done(&rc.scans[i]);
	free(rc.cmd_strings);
	runopts_done(&rc.o);
	return status;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "run [OPTIONS] [--] COMMAND [ARGS...]  (or: run [OPTIONS] -c CMD -c CMD ...)",
	.summary = "time COMMAND over many runs",
	.exec = run_exec,
};
