/* session.h — one profiling session: start or attach to the target, choose
 * the backend, drive it at the sampling rate, follow subprocesses, stop on
 * exit/signal/duration, and leave a finished run in the store.
 *
 * `hprof run` and `hprof attach` (cmd-run.c, cmd-attach.c) parse their
 * options with session_parse_opt() and hand the rest to session_run() or
 * session_attach().  The session is the engine of those two commands: it
 * prints the notices a user needs while it runs (backend fallback, falling
 * behind, the closing summary) with hp_info/hp_warn; errors that stop it
 * before sampling are returned in *why for the command to print.
 */
#ifndef HP_SESSION_H
#define HP_SESSION_H

#include <stdint.h>

#include "cmd.h"
#include "sampler.h"

/* The default sampling rate (Hz), chosen from the measured overhead: see
 * benchmarks/overhead-python.sh and OVERHEAD in man/hprof-run.1. */
#define SESSION_DEFAULT_RATE 1000.0
#define SESSION_MAX_RATE 100000.0
/* Sampling intervals vary uniformly by +-this fraction (no aliasing). */
#define SESSION_JITTER 0.2

struct session_opts {
	struct sampler_opts sampler;
	const char *backend;  /* "auto", "python", "perf", "ptrace", "bpf", "mixed" */
	double duration_s;    /* 0: until the end */
	int subprocesses;     /* follow child processes */
	int timeline;         /* also record every sample's time */
	const char *name;     /* the run's name, or NULL */
	const char *db_path;
	int db_given;         /* --db or $HPROF_DB: the summary repeats it */
	/* Tests: use these backends instead of the built-in ones (auto tries
	 * test_ops[0], then the next on -ENOEXEC). NULL-terminated. */
	const struct sampler_ops *const *test_ops;
};

enum session_end {
	SESSION_COMPLETED,     /* the command exited, or --duration ran out */
	SESSION_INTERRUPTED,   /* SIGINT/SIGTERM/SIGHUP to hprof run */
	SESSION_TARGET_EXITED, /* the attached process exited */
	SESSION_DETACHED,      /* Ctrl-C / SIGTERM to hprof attach */
	SESSION_FAILED,        /* the backend or the store failed */
};

struct session_result {
	int64_t run;
	enum session_end end;
	int exit_status;      /* run: the command's status (128+N for signal N); -1 unknown */
	uint64_t samples, errors;
	double seconds, achieved_hz;
	int saved;            /* 0 when the final write to the store failed */
	char top_error[64];   /* the most frequent error cause, "" when none */
};

/* Long options shared by run and attach (getopt values above the common ones). */
enum {
	SESSION_OPT_GIL = HP_OPT_FIRST_FREE,
	SESSION_OPT_BLOCKING,
	SESSION_OPT_TIMELINE,
	SESSION_OPT_KERNEL,
	SESSION_OPT_CALL_GRAPH,
	SESSION_OPT_NAME,
};
#define SESSION_SHORTOPTS "r:d:m:sb:ne:"
#define SESSION_LONGOPTS \
	{ "rate", required_argument, NULL, 'r' }, \
	{ "duration", required_argument, NULL, 'd' }, \
	{ "mode", required_argument, NULL, 'm' }, \
	{ "gil", no_argument, NULL, SESSION_OPT_GIL }, \
	{ "blocking", no_argument, NULL, SESSION_OPT_BLOCKING }, \
	{ "subprocesses", no_argument, NULL, 's' }, \
	{ "timeline", no_argument, NULL, SESSION_OPT_TIMELINE }, \
	{ "backend", required_argument, NULL, 'b' }, \
	{ "native", no_argument, NULL, 'n' }, \
	{ "kernel", no_argument, NULL, SESSION_OPT_KERNEL }, \
	{ "call-graph", required_argument, NULL, SESSION_OPT_CALL_GRAPH }, \
	{ "event", required_argument, NULL, 'e' }, \
	{ "name", required_argument, NULL, SESSION_OPT_NAME }

/* The help text of the options above. */
extern const char session_options_help[];

void session_opts_init(struct session_opts *o);
/* 1 when `c` was a session option, 0 when not; -EINVAL with *why for a bad value. */
int session_parse_opt(struct session_opts *o, int c, const char *arg, char **why);
/* Parse run's and attach's arguments (stop_at_operand: options end at the
 * first operand, as run's command has its own), operands from optind:
 * -1 to go on, else the status to exit with (0 after --help, 2 after a
 * usage error, which it printed).  Fills db_path too. */
int session_parse_args(struct cmd_ctx *ctx, const struct cmd_entry *e, const char *help,
		       int stop_at_operand, int argc, char **argv, struct session_opts *o);
/* Fill db_path/db_given from the command context; call after parsing. */
void session_opts_finish(struct session_opts *o, const struct cmd_ctx *ctx);

/* Run argv under the profiler until it exits.  0 with *res filled once the
 * command started; before that -errno and *why, and res->exit_status is the
 * status to exit with: 127 / 126 for a command that cannot be executed (as
 * a shell), 1 for the database or the backend (nothing was started). */
int session_run(const struct session_opts *o, char *const argv[], struct session_result *res,
		char **why);
/* Sample running process `pid` until Ctrl-C, --duration or its exit.
 * -ESRCH no such process, -EPERM not permitted, -ENOEXEC not a process the
 * chosen backend understands; other -errno: database or backend failure. */
int session_attach(const struct session_opts *o, int pid, struct session_result *res,
		   char **why);

/* Sample the processes another program announces on pid_fd (a pipe or
 * socket; one decimal pid and a newline per process, each written once it
 * has exec'ed), as one run with runs.parent_run = parent_run (0: none) and
 * runs.command = command.  Each process is sampled from its announcement
 * until it exits; the session ends when pid_fd reaches EOF and every
 * announced process is gone.  "PID probe" announces a process that is not
 * sampled, only used to choose the backend (auto: Python or native) before
 * the processes that count, so they are sampled from their start.
 * Returns like session_run (res->exit_status is -1: the processes are not
 * ours to reap). */
int session_follow(const struct session_opts *o, int pid_fd, int64_t parent_run,
		   const char *command, struct session_result *res, char **why);

/* "completed", "interrupted", ... as stored in runs.status. */
const char *session_end_name(enum session_end end);

/* The closing summary line on stderr (samples, duration, rate, errors,
 * where it was saved and how to see it). */
void session_print_summary(const struct session_opts *o, const struct session_result *res);

#endif
