/* pyworker.c — spawn the Python timing worker and read its messages. */
#include "config.h"

#include "bench/pyworker.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Python 2.7 and 3.x alike.  The statement runs inside a generated
 * function, like timeit's template, so setup, the timed loop and teardown
 * share one namespace and only the loop is timed (gc off, as timeit does). */
static const char worker_src[] =
	"import gc, itertools, os, platform, sys, time\n"
	"out = os.fdopen(3, 'w')\n"
	"def emit(*a):\n"
	"    out.write(' '.join(str(x) for x in a).replace('\\n', ' ') + '\\n')\n"
	"    out.flush()\n"
	"def meta():\n"
	"    import sysconfig\n"
	"    emit('meta', 'python_version', platform.python_version())\n"
	"    emit('meta', 'python_implementation', platform.python_implementation().lower())\n"
	"    emit('meta', 'python_executable', sys.executable)\n"
	"    emit('meta', 'python_build', ' '.join(sys.version.split()))\n"
	"    for key, var in (('python_cflags', 'PY_CFLAGS'), ('python_config_args', 'CONFIG_ARGS'),\n"
	"                     ('python_shared', 'Py_ENABLE_SHARED')):\n"
	"        v = sysconfig.get_config_var(var)\n"
	"        if v is not None and str(v).strip():\n"
	"            emit('meta', key, ' '.join(str(v).split()))\n"
	"    if hasattr(time, 'get_clock_info'):\n"
	"        i = time.get_clock_info('perf_counter')\n"
	"        emit('meta', 'timer', '%s, resolution %.0e s' % (i.implementation, i.resolution))\n"
	"def indent(code, pad):\n"
	"    lines = [l for l in code.splitlines()] or ['pass']\n"
	"    return '\\n'.join(pad + l for l in lines)\n"
	"def make(setup, stmt, teardown):\n"
	"    src = ('def _hp_inner(_hp_it, _hp_timer):\\n' + indent(setup, '    ') +\n"
	"           '\\n    _hp_t0 = _hp_timer()\\n    for _hp_i in _hp_it:\\n' + indent(stmt, '        ') +\n"
	"           '\\n    _hp_t1 = _hp_timer()\\n' + indent(teardown, '    ') +\n"
	"           '\\n    return _hp_t1 - _hp_t0\\n')\n"
	"    ns = {}\n"
	"    exec(compile(src, '<hpbench-timeit>', 'exec'), ns)\n"
	"    return ns['_hp_inner']\n"
	"def timed(inner, loops):\n"
	"    timer = getattr(time, 'perf_counter', time.time)\n"
	"    was = gc.isenabled()\n"
	"    gc.disable()\n"
	"    try:\n"
	"        return inner(itertools.repeat(None, loops), timer)\n"
	"    finally:\n"
	"        if was: gc.enable()\n"
	"def main():\n"
	"    mode = sys.argv[1]\n"
	"    if mode == 'meta':\n"
	"        return meta()\n"
	"    loops, warmups, values = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])\n"
	"    value_time = float(sys.argv[5])\n"
	"    inner = make(sys.argv[6], sys.argv[7], sys.argv[8])\n"
	"    if mode == 'calibrate':\n"
	"        loops = 1\n"
	"        while True:\n"
	"            raw = timed(inner, loops)\n"
	"            emit('calibrate', loops, repr(raw))\n"
	"            if raw >= value_time or loops >= 2 ** 40:\n"
	"                break\n"
	"            loops *= 10 if raw < value_time / 20 else 2\n"
	"        return emit('loops', loops)\n"
	"    for i in range(warmups):\n"
	"        emit('warmup', loops, repr(timed(inner, loops)))\n"
	"    for i in range(values):\n"
	"        emit('value', loops, repr(timed(inner, loops)))\n"
	"try:\n"
	"    main()\n"
	"except BaseException:\n"
	"    e = sys.exc_info()[1]\n"
	"    emit('error', '%s: %s' % (type(e).__name__, e))\n"
	"    sys.exit(1)\n";

int pyworker_is_python(const char *argv0)
{
	const char *base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	return strncmp(base, "python", 6) == 0 || strncmp(base, "pypy", 4) == 0;
}

static char *first_glob(const char *pattern)
{
	glob_t g;
	char *found = NULL;
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && !found; i++)
			if (access(g.gl_pathv[i], X_OK) == 0)
				found = xstrdup(g.gl_pathv[i]);
		globfree(&g);
	}
	return found;
}

char *pyworker_resolve(const char *spec, char **why)
{
	const char *root = getenv("PYENV_ROOT"), *home = getenv("HOME");
	char *pat, *found;
	if (strchr(spec, '/') || spec[0] < '0' || spec[0] > '9')
		return xstrdup(spec);
	pat = root && *root ? xasprintf("%s/versions/%s.*/bin/python3", root, spec)
			    : xasprintf("%s/.pyenv/versions/%s.*/bin/python3", home ? home : "", spec);
	found = first_glob(pat);
	free(pat);
	if (!found) {
		pat = xasprintf("/usr/bin/python%s", spec);
		if (access(pat, X_OK) == 0)
			return pat;
		free(pat);
		hp_fail(why, -ENOENT, "Python %s is not installed (looked in pyenv's versions and "
			"/usr/bin); pass a path with --python", spec);
	}
	return found;
}

/* The read end of a pipe whose write end is a high close-on-exec fd, so
 * spawn can place it at the child's fd 3. */
static int worker_pipe(int *rfd, int *wfd, char **why)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return hp_fail(why, -errno, "cannot create a pipe: %s", strerror(errno));
	*rfd = p[0];
	*wfd = fcntl(p[1], F_DUPFD_CLOEXEC, 10);
	close(p[1]);
	if (*wfd < 0) {
		close(p[0]);
		return hp_fail(why, -errno, "cannot move a pipe: %s", strerror(errno));
	}
	return 0;
}

/* Read messages until EOF; the first 'error' becomes *why. */
static int read_messages(int rfd, pyworker_fn fn, void *arg, char **why)
{
	FILE *f = fdopen(rfd, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	if (!f) {
		close(rfd);
		return hp_fail(why, -errno, "cannot read the worker: %s", strerror(errno));
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		char *rest;
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		rest = line + strcspn(line, " ");
		if (*rest)
			*rest++ = '\0';
		if (rc)
			continue; /* drain, so the worker can finish */
		if (strcmp(line, "error") == 0)
			rc = hp_fail(why, -EINVAL, "the Python statement failed: %s", rest);
		else if (fn && fn(line, rest, arg))
			rc = hp_fail(why, -EIO, "bad message from the worker: %s %s", line, rest);
	}
	free(line);
	fclose(f);
	return rc;
}

int pyworker_run(const struct pyworker_job *job, pyworker_fn fn, void *arg,
		 struct spawn_result *res, char **why)
{
	char loops[32], warm[16], vals[16], vt[32];
	char *argv[] = { (char *)job->python, (char *)"-c", (char *)worker_src, (char *)job->mode,
			 loops, warm, vals, vt, (char *)(job->setup ? job->setup : "pass"),
			 (char *)(job->stmt ? job->stmt : "pass"),
			 (char *)(job->teardown ? job->teardown : "pass"), NULL };
	struct spawn_spec s = *job->base;
	int rfd = -1, wfd = -1, rc, wrc;
	pid_t pid;
	uint64_t t0;
	snprintf(loops, sizeof loops, "%ld", job->loops);
	snprintf(warm, sizeof warm, "%d", job->warmups);
	snprintf(vals, sizeof vals, "%d", job->values);
	snprintf(vt, sizeof vt, "%.9g", job->value_time);
	if ((rc = worker_pipe(&rfd, &wfd, why)) < 0)
		return rc;
	s.argv = argv;
	s.pass_fd = wfd;
	rc = spawn_start(&s, &pid, &t0, why);
	close(wfd);
	if (rc < 0) {
		close(rfd);
		return rc;
	}
	rc = read_messages(rfd, fn, arg, why);
	wrc = spawn_wait(&s, pid, t0, res, rc ? NULL : why);
	if (!rc && wrc)
		rc = wrc;
	if (!rc && res->exit_code)
		rc = hp_fail(why, -EIO, "the Python worker (%s) exited with status %d", job->python,
			     res->exit_code);
	return rc;
}

struct meta_arg {
	struct store *st;
	int64_t run;
	int rc;
	char **why;
};

static int meta_line(const char *kind, const char *rest, void *arg)
{
	struct meta_arg *m = arg;
	const char *value = rest + strcspn(rest, " ");
	char *key;
	if (strcmp(kind, "meta") != 0 || m->rc)
		return 0;
	key = xstrndup(rest, (size_t)(value - rest));
	value += *value == ' ';
	m->rc = store_run_meta_set(m->st, m->run, key, value, m->why);
	if (!m->rc && strcmp(key, "python_version") == 0)
		m->rc = store_run_set_python(m->st, m->run, value, m->why);
	free(key);
	return 0;
}

int pyworker_meta(const char *python, struct store *st, int64_t run, char **why)
{
	struct spawn_spec base;
	struct pyworker_job job = { .python = python, .mode = "meta", .loops = 1, .base = &base };
	struct meta_arg m = { st, run, 0, why };
	struct spawn_result res;
	int rc;
	spawn_spec_init(&base, NULL);
	rc = pyworker_run(&job, meta_line, &m, &res, why);
	return rc ? rc : m.rc;
}
