/* profile.c — the sampler processes of `hpbench run --profile` (profile.h).
 *
 * The sampler is a forked copy of hpbench running the profiler's session in
 * follow mode (session_follow): it opens its own connection to the store
 * (SQLite connections do not survive fork), creates the profile run linked
 * to the benchmark run, and samples each pid announced on a socket from then
 * until that process exits.  A socket and not a pipe: send(MSG_NOSIGNAL)
 * cannot kill hpbench with SIGPIPE when the sampler is gone, and SIGPIPE
 * must stay at its default for the benchmarked commands. */
#include "config.h"

#include "bench/profile.h"
#include "profiler/session.h"
#include "store-bench.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Inside the timed window: one short send, nothing printed. */
static void send_line(struct bench_profile *bp, pid_t pid, const char *tag)
{
	char line[32];
	int n = snprintf(line, sizeof line, "%d%s\n", (int)pid, tag);
	if (bp->fd >= 0 && !bp->lost && send(bp->fd, line, (size_t)n, MSG_NOSIGNAL) != n)
		bp->lost = 1;
}

static void announce(pid_t pid, void *arg)
{
	send_line(arg, pid, "");
}

static void announce_probe(pid_t pid, void *arg)
{
	send_line(arg, pid, " probe");
}

/* The sampler process: never returns. */
static _Noreturn void sampler_main(int fd, const struct bench_profile_opts *o, int64_t bench_run,
				    const char *name, const char *command)
{
	struct session_opts so;
	struct session_result res;
	char *why = NULL;
	int ret;

	session_opts_init(&so);
	if (o->rate_hz > 0)
		so.sampler.rate_hz = o->rate_hz;
	so.sampler.native = o->native;
	so.name = name;
	so.db_path = o->db_path;
	so.db_given = 1;
	ret = session_follow(&so, fd, bench_run, command, &res, &why);
	if (ret < 0)
		hp_err("--profile: %s", why ? why : strerror(-ret));
	_exit(ret < 0 || !res.saved || res.end == SESSION_FAILED ? HP_EXIT_FAIL : HP_EXIT_OK);
}

int bench_profile_start(struct bench_profile *bp, const struct bench_profile_opts *o,
			int64_t bench_run, const char *name, const char *command,
			const struct bench_profile *others, size_t n, char **why)
{
	int sv[2];
	pid_t pid;

	memset(bp, 0, sizeof *bp);
	bp->fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return hp_fail(why, -errno, "--profile: cannot make a socket: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int err = errno;
		close(sv[0]);
		close(sv[1]);
		return hp_fail(why, -err, "--profile: cannot start the sampler: %s", strerror(err));
	}
	if (pid == 0) {
		close(sv[0]);
		for (size_t i = 0; i < n; i++)
			if (others[i].fd >= 0)
				close(others[i].fd);
		sampler_main(sv[1], o, bench_run, name, command);
	}
	close(sv[1]);
	bp->fd = sv[0];
	bp->sampler = pid;
	bp->hooks.after_spawn = announce;
	bp->hooks.arg = bp;
	bp->probe_hooks.after_spawn = announce_probe;
	bp->probe_hooks.arg = bp;
	return 0;
}

int bench_profile_finish(struct bench_profile *bp, char **why)
{
	int status = 0;
	pid_t got;

	if (bp->fd >= 0)
		close(bp->fd);
	bp->fd = -1;
	if (!bp->sampler)
		return 0;
	do
		got = waitpid(bp->sampler, &status, 0);
	while (got < 0 && errno == EINTR);
	bp->sampler = 0;
	if (got < 0)
		return hp_fail(why, -errno, "--profile: lost the sampler: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return hp_fail(why, -EIO, "--profile: the sampler failed (%s %d); the profile may "
			       "be incomplete", WIFSIGNALED(status) ? "signal" : "status",
			       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	if (bp->lost)
		return hp_fail(why, -EIO, "--profile: the sampler stopped early; later runs "
			       "were not sampled");
	return 0;
}

/* run_meta "profiled": the values were measured while sampled, and how. */
static int profile_meta(struct store *st, int64_t bench_run, const struct bench_profile_opts *o,
			const char *what, char **why)
{
	char *v = xasprintf("yes: values measured while sampled at %g Hz%s; %s",
			    o->rate_hz > 0 ? o->rate_hz : SESSION_DEFAULT_RATE,
			    o->native ? " with native frames" : "", what);
	int err = store_run_meta_set(st, bench_run, "profiled", v, why);
	free(v);
	return err;
}

int bench_profiles_start(const struct bench_profile_opts *o, struct runner *r,
			 struct bench_item *items, size_t n, const char *what,
			 struct bench_profile **out, size_t *nstarted, char **why)
{
	struct bench_profile *profs = xcalloc(n ? n : 1, sizeof(*profs));
	int err = 0;

	*out = profs;
	*nstarted = 0;
	r->value_commits = 1;
	for (size_t i = 0; i < n && !err; i++) {
		err = profile_meta(r->st, items[i].run_id, o, what, why);
		if (!err)
			err = bench_profile_start(&profs[i], o, items[i].run_id, items[i].name,
						  items[i].command, profs, i, why);
		if (!err)
			(*nstarted)++;
	}
	return err;
}

void bench_profiles_finish(struct bench_profile *profs, size_t n, struct store *st,
			   const struct bench_item *items)
{
	for (size_t i = 0; i < n; i++) {
		char *why = NULL;
		int64_t prof;
		if (bench_profile_finish(&profs[i], &why) < 0)
			hp_warn("%s", why);
		else if (store_bench_profile_of(st, items[i].run_id, &prof, NULL) == 0)
			hp_info("profile of %s: run %lld; see 'hpbench show %lld --lines'",
				items[i].label, (long long)prof, (long long)items[i].run_id);
		free(why);
	}
}
