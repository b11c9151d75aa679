/* profile.h — `hpbench run --profile`: one sampler process per benchmark
 * run, fed the pid of every timed process, leaving one profile run whose
 * parent_run is the benchmark run (so `show --lines` and hpview find it). */
#ifndef HP_BENCH_PROFILE_H
#define HP_BENCH_PROFILE_H

#include "bench/runner.h"
#include "bench/spawn.h"
#include "store.h"

#include <stdint.h>
#include <sys/types.h>

struct bench_profile_opts {
	int enabled;
	double rate_hz;    /* 0: the profiler's default */
	int native;        /* Python and native frames (mixed backend) */
	const char *db_path;
};

struct bench_profile {
	int fd;            /* our end of the socket: "PID\n" per timed process */
	pid_t sampler;     /* the sampler process, 0 when none */
	int lost;          /* the sampler went away: pids no longer announced */
	struct spawn_hooks hooks; /* after_spawn announces the pid */
	/* For a process that is not sampled but shows the sampler which backend
	 * the command needs (a warm-up), so the first timed one is sampled from
	 * its start instead of waiting for that choice. */
	struct spawn_hooks probe_hooks;
};

/* The --help lines of the options (run and timeit). */
#define BENCH_PROFILE_HELP \
	"      --profile         sample the timed processes with hprof's samplers: one\n" \
	"                        profile per benchmark, see 'show RUN --lines' (values\n" \
	"                        are measured under the profiler)\n" \
	"      --profile-rate HZ samples per second of --profile (default 1000)\n" \
	"      --profile-native  Python and native frames in one stack (hprof run -n)\n"

/* Fork the sampler for benchmark run `bench_run` (profile named `name`,
 * command `command`).  Every other bench_profile in others[0..n) has its
 * socket closed in the sampler, so each sampler sees EOF when its own
 * benchmark is done.  -errno + *why. */
int bench_profile_start(struct bench_profile *bp, const struct bench_profile_opts *o,
			int64_t bench_run, const char *name, const char *command,
			const struct bench_profile *others, size_t n, char **why);
/* Close the socket and wait for the sampler to write its profile; 0, or
 * -EIO + *why when the sampler failed. */
int bench_profile_finish(struct bench_profile *bp, char **why);
/* --profile for every benchmark of items[0..n) (their runs created): the
 * metadata saying the values were measured while sampled (`what`: which
 * processes), one sampler each, (*out)[i] for items[i]; the runner commits
 * value by value.  *nstarted samplers run, even after a failure (-errno +
 * *why): finish them with bench_profiles_finish. */
int bench_profiles_start(const struct bench_profile_opts *o, struct runner *r,
			 struct bench_item *items, size_t n, const char *what,
			 struct bench_profile **out, size_t *nstarted, char **why);
/* Wait for each sampler to save its profile, and say where it is. */
void bench_profiles_finish(struct bench_profile *profs, size_t n, struct store *st,
			   const struct bench_item *items);
#endif
