/* spawn.c — start and time one child process (see spawn.h). */
#include "config.h"

#include "bench/spawn.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void spawn_spec_init(struct spawn_spec *s, char *const *argv)
{
	memset(s, 0, sizeof(*s));
	s->argv = argv;
	s->output = SPAWN_OUT_NULL;
	s->out_fd = -1;
	s->pass_fd = -1;
}

static int file_actions(const struct spawn_spec *s, posix_spawn_file_actions_t *fa)
{
	int rc = posix_spawn_file_actions_init(fa);
	if (rc)
		return rc;
	rc = posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0);
	if (!rc && s->output == SPAWN_OUT_NULL) {
		rc = posix_spawn_file_actions_addopen(fa, 1, "/dev/null", O_WRONLY, 0);
		if (!rc)
			rc = posix_spawn_file_actions_adddup2(fa, 1, 2);
	} else if (!rc && s->output == SPAWN_OUT_FD) {
		rc = posix_spawn_file_actions_adddup2(fa, s->out_fd, 1);
		if (!rc)
			rc = posix_spawn_file_actions_adddup2(fa, s->out_fd, 2);
	}
	/* pass_fd is close-on-exec and never 3 (callers move it high), so the
	 * dup2 both places and keeps it across exec */
	if (!rc && s->pass_fd >= 0)
		rc = posix_spawn_file_actions_adddup2(fa, s->pass_fd, 3);
	if (rc)
		posix_spawn_file_actions_destroy(fa);
	return rc;
}

/* The child inherits our affinity at spawn time: switch ours around it. */
static int swap_affinity(const cpu_set_t *want, cpu_set_t *saved)
{
	if (sched_getaffinity(0, sizeof(*saved), saved) < 0)
		return -errno;
	if (sched_setaffinity(0, sizeof(*want), want) < 0)
		return -errno;
	return 0;
}

int spawn_start(const struct spawn_spec *s, pid_t *pid, uint64_t *t0, char **why)
{
	posix_spawn_file_actions_t fa;
	cpu_set_t saved;
	int rc;

	rc = file_actions(s, &fa);
	if (rc)
		return hp_fail(why, -rc, "cannot prepare the child's files: %s", strerror(rc));
	if (s->affinity && (rc = swap_affinity(s->affinity, &saved)) < 0) {
		posix_spawn_file_actions_destroy(&fa);
		return hp_fail(why, rc, "cannot set CPU affinity: %s", strerror(-rc));
	}
	*t0 = hp_now_ns();
	rc = posix_spawnp(pid, s->argv[0], &fa, NULL, s->argv, s->envp ? s->envp : environ);
	if (s->affinity)
		sched_setaffinity(0, sizeof(saved), &saved);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return hp_fail(why, -rc, "cannot run '%s': %s%s", s->argv[0], strerror(rc),
			       rc == ENOENT ? " (check the name and PATH, or use --shell)" : "");
	if (s->hooks && s->hooks->after_spawn)
		s->hooks->after_spawn(*pid, s->hooks->arg);
	return 0;
}

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000u + (uint64_t)tv->tv_usec * 1000u;
}

int spawn_wait(const struct spawn_spec *s, pid_t pid, uint64_t t0, struct spawn_result *r,
	       char **why)
{
	struct rusage ru;
	int status;
	pid_t got;

	do
		got = wait4(pid, &status, 0, &ru);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return hp_fail(why, -errno, "cannot wait for process %d: %s", (int)pid,
			       strerror(errno));
	r->wall_ns = hp_now_ns() - t0;
	r->user_ns = tv_ns(&ru.ru_utime);
	r->sys_ns = tv_ns(&ru.ru_stime);
	r->max_rss_kb = ru.ru_maxrss;
	r->status = status;
	r->signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + r->signo;
	if (s->hooks && s->hooks->after_exit)
		s->hooks->after_exit(pid, r, s->hooks->arg);
	return 0;
}

int spawn_run(const struct spawn_spec *s, struct spawn_result *r, char **why)
{
	pid_t pid;
	uint64_t t0;
	int rc = spawn_start(s, &pid, &t0, why);
	if (rc)
		return rc;
	return spawn_wait(s, pid, t0, r, why);
}

static int parse_cpu(const char **p, long *out)
{
	char *end;
	errno = 0;
	*out = strtol(*p, &end, 10);
	if (errno || end == *p || *out < 0 || *out >= CPU_SETSIZE)
		return -EINVAL;
	*p = end;
	return 0;
}

int spawn_parse_cpus(const char *list, cpu_set_t *set, char **why)
{
	const char *p = list;
	CPU_ZERO(set);
	while (*p) {
		long lo, hi;
		if (parse_cpu(&p, &lo))
			goto bad;
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_cpu(&p, &hi) || hi < lo)
				goto bad;
		}
		for (long c = lo; c <= hi; c++)
			CPU_SET((int)c, set);
		if (*p == ',')
			p++;
		else if (*p)
			goto bad;
	}
	if (CPU_COUNT(set) == 0)
		goto bad;
	return 0;
bad:
	return hp_fail(why, -EINVAL, "bad CPU list '%s': use numbers and ranges like 0,2-3", list);
}
