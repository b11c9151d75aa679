/* spawn.h — start one command without a shell and time it: CLOCK_MONOTONIC
 * wall time around posix_spawn .. wait4, user/sys time and peak RSS from the
 * child's rusage.  Hooks see the child's pid right after it starts (a
 * sampler can attach there) and after it was reaped. */
#ifndef HP_BENCH_SPAWN_H
#define HP_BENCH_SPAWN_H

#include <sched.h>
#include <stdint.h>
#include <sys/types.h>

struct spawn_result;

struct spawn_hooks {
	/* Inside the timed window, as soon as the child exists. */
	void (*after_spawn)(pid_t pid, void *arg);
	/* After the child was reaped, outside the timed window. */
	void (*after_exit)(pid_t pid, const struct spawn_result *r, void *arg);
	void *arg;
};

enum spawn_output { SPAWN_OUT_NULL = 0, SPAWN_OUT_INHERIT, SPAWN_OUT_FD };

struct spawn_spec {
	char *const *argv;
	char *const *envp;         /* NULL: our environment */
	enum spawn_output output;  /* child's stdout and stderr */
	int out_fd;                /* SPAWN_OUT_FD: where they go */
	const cpu_set_t *affinity; /* NULL: inherit ours */
	int pass_fd;               /* >= 0: becomes the child's fd 3 */
	const struct spawn_hooks *hooks;
};

struct spawn_result {
	uint64_t wall_ns, user_ns, sys_ns;
	long max_rss_kb;
	int status;    /* raw wait status */
	int exit_code; /* exit status, or 128 + signal when killed */
	int signo;     /* 0 unless killed by a signal */
};

void spawn_spec_init(struct spawn_spec *s, char *const *argv);
/* Start the child; *t0 is the monotonic start time.  -errno + *why on failure
 * (a command that cannot be executed fails here, not as an exit status). */
int spawn_start(const struct spawn_spec *s, pid_t *pid, uint64_t *t0, char **why);
/* Reap the child started at t0 and fill r. */
int spawn_wait(const struct spawn_spec *s, pid_t pid, uint64_t t0, struct spawn_result *r,
	       char **why);
/* Both, around one run. */
int spawn_run(const struct spawn_spec *s, struct spawn_result *r, char **why);

/* Parse "0,2-3" into a CPU set; -EINVAL with *why when malformed. */
int spawn_parse_cpus(const char *list, cpu_set_t *set, char **why);

#endif
