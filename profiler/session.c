/* session.c — the engine of `hprof run` and `hprof attach`.
 *
 * One thread does everything, in a loop that sleeps in ppoll() with the
 * stopping signals unblocked only there (so a signal can never be lost
 * between a check and a sleep): sampling ticks at the jittered rate (or
 * ring-buffer readiness for event-driven backends), and "housekeeping" every
 * few milliseconds — reaping the command, noticing processes that exited or
 * exec'ed, finding new subprocesses, retrying processes whose interpreter is
 * not ready yet, flushing the aggregator, watching the achieved rate.
 */
#include "config.h"

#include "session.h"
#include "aggregate.h"
#include "backends.h"
#include "procinfo.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000ULL
#define SEC 1000000000ULL
#define HOUSE_NS (20 * MS)          /* housekeeping when nothing is pending */
#define SCAN_NS (50 * MS)           /* look for exits, execs and children */
#define ENOEXEC_GRACE_NS (150 * MS) /* a fresh exec may not have mapped libpython yet */
#define FOLLOW_GRACE_NS (20 * MS)   /* the same, for a pid announced after its exec */
#define WRAPPER_WAIT_NS (3 * SEC)   /* a shell that will exec python */
#define SLOW_START_NS (10 * SEC)    /* warn: the interpreter is still not ready */
#define BEHIND_WINDOW_NS (1 * SEC)
#define MAX_POLLFDS 64

enum tr_state { TR_PENDING, TR_ACTIVE, TR_WATCH, TR_GONE };

/* A process the session knows: the target and, with --subprocesses, its
 * descendants (WATCH: not one the backend can sample, followed for its
 * children and for a later exec). */
struct tracked {
	int pid, target;
	enum tr_state state;
	uint64_t image, image_since, next_try;
	int warned;
	int probe;  /* session_follow: only to choose the backend, not sampled */
};

struct session {
	const struct session_opts *o;
	struct sampler_opts sopts;
	struct store *st;
	struct hp_sink *sink;
	int64_t run;
	const struct sampler_ops *ops; /* the backend in use */
	struct sampler *smp;
	int choosing;                  /* auto: the target decides python or native */
	struct tracked *tr;
	size_t ntr, captr, nactive;
	int target, child, child_status, child_done, attach; /* status -1: unknown */
	enum session_end end;
	int stopping, fatal, ever_active;
	char *fatal_why;
	uint64_t t0, t_active, t_stop, deadline, period;
	uint64_t next_tick, next_house, next_scan;
	uint64_t ticks, missed, win_t0, win_ticks;
	int warned_behind, warned_flush, warned_children;
	uint64_t rng;
	sigset_t oldmask;
	struct sigaction oldact[4];
	/* session_follow: processes announced on a socket, one pid per line. */
	int follow_fd, follow_eof;
	char follow_buf[32];
	size_t follow_len;
	uint64_t enoexec_grace;
	int64_t parent_run;
};

/* --- options ------------------------------------------------------------- */

const char session_options_help[] =
	"Sampling options:\n"
	"  -r, --rate HZ          samples per second (default: 1000), +-20% jitter\n"
	"  -d, --duration SECONDS stop sampling after SECONDS\n"
	"  -m, --mode cpu|wall    cpu: threads on a CPU only (default); wall: every thread\n"
	"      --gil              Python: keep only the thread holding the GIL\n"
	"      --blocking         Python: pause the threads (ptrace) for exact snapshots\n"
	"  -s, --subprocesses     follow child processes (fork, exec, pools, launchers)\n"
	"      --timeline         also record when each sample was taken\n"
	"      --name NAME        name the run (hprof report NAME)\n"
	"Backends:\n"
	"  -b, --backend NAME     auto (default), python, perf, ptrace, bpf or mixed\n"
	"  -n, --native           Python and native frames in one stack (mixed backend)\n"
	"      --kernel           add kernel frames (native backends, where allowed)\n"
	"      --call-graph fp|dwarf  native unwinding (default: dwarf)\n"
	"  -e, --event NAME       perf event to sample on (default: cpu-clock)\n";

void session_opts_init(struct session_opts *o)
{
	memset(o, 0, sizeof *o);
	o->sampler.rate_hz = SESSION_DEFAULT_RATE;
	o->sampler.mode = SAMPLER_MODE_CPU;
	o->sampler.call_graph = CALL_GRAPH_DWARF;
	o->backend = "auto";
}

static int parse_choice(const char *arg, const char *const *names, const char *opt, char **why)
{
	struct strbuf sb;
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	strbuf_init(&sb);
	for (int i = 0; names[i]; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", names[i]);
	hp_fail(why, -EINVAL, "%s takes one of %s, not '%s'", opt, sb.buf, arg);
	strbuf_done(&sb);
	return -EINVAL;
}

int session_parse_opt(struct session_opts *o, int c, const char *arg, char **why)
{
	static const char *const modes[] = { "cpu", "wall", NULL };
	static const char *const graphs[] = { "dwarf", "fp", NULL };
	static const char *const backends[] = { "auto", "python", "perf", "ptrace", "bpf", "mixed", NULL };
	int i;

	switch (c) {
	case 'r':
		if (hp_parse_double(arg, 1, SESSION_MAX_RATE, &o->sampler.rate_hz) < 0)
			return hp_fail(why, -EINVAL, "--rate takes a number of samples per second "
				       "from 1 to %.0f, not '%s'", SESSION_MAX_RATE, arg);
		return 1;
	case 'd':
		if (hp_parse_double(arg, 0.001, 1e9, &o->duration_s) < 0)
			return hp_fail(why, -EINVAL, "--duration takes a positive number of seconds, not '%s'", arg);
		return 1;
	case 'm':
		if ((i = parse_choice(arg, modes, "--mode", why)) < 0)
			return i;
		o->sampler.mode = i;
		return 1;
	case SESSION_OPT_CALL_GRAPH:
		if ((i = parse_choice(arg, graphs, "--call-graph", why)) < 0)
			return i;
		o->sampler.call_graph = i;
		return 1;
	case 'b':
		if ((i = parse_choice(arg, backends, "--backend", why)) < 0)
			return i;
		o->backend = backends[i];
		return 1;
	case 'e': o->sampler.event = arg; return 1;
	case 's': o->subprocesses = 1; return 1;
	case 'n': o->sampler.native = 1; return 1;
	case SESSION_OPT_GIL: o->sampler.gil_only = 1; return 1;
	case SESSION_OPT_BLOCKING: o->sampler.blocking = 1; return 1;
	case SESSION_OPT_TIMELINE: o->timeline = 1; return 1;
	case SESSION_OPT_KERNEL: o->sampler.kernel = 1; return 1;
	case SESSION_OPT_NAME: o->name = arg; return 1;
	default: return 0;
	}
}

int session_parse_args(struct cmd_ctx *ctx, const struct cmd_entry *e, const char *help,
		       int stop_at_operand, int argc, char **argv, struct session_opts *o)
{
	static const struct option opts[] = {
		SESSION_LONGOPTS,
		HP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	/* "+": run's options end at the command, whose own options follow. */
	const char *optstring = stop_at_operand ? "+" SESSION_SHORTOPTS "h" : SESSION_SHORTOPTS "h";
	char *why = NULL, *text;
	int c, r;

	session_opts_init(o);
	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		if (cmd_common_opt(ctx, c, optarg))
			continue;
		if ((r = session_parse_opt(o, c, optarg, &why)) < 0) {
			r = cmd_usage_error(ctx, argv[0], "%s", why);
			free(why);
			return r;
		}
		if (r)
			continue;
		if (c != 'h')
			return cmd_usage_error(ctx, argv[0], "unknown option");
		text = xasprintf("%s%s", help, session_options_help);
		cmd_print_usage(ctx, e, text);
		free(text);
		return HP_EXIT_OK;
	}
	session_opts_finish(o, ctx);
	return -1;
}

void session_opts_finish(struct session_opts *o, const struct cmd_ctx *ctx)
{
	const char *env = getenv("HPROF_DB");
	o->db_path = cmd_db_path(ctx);
	o->db_given = ctx->db_path != NULL || (env && *env);
}

const char *session_end_name(enum session_end end)
{
	static const char *const names[] = { "completed", "interrupted", "target-exited",
					     "detached", "failed" };
	return names[end];
}

/* --- signals ------------------------------------------------------------- */

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD };
static volatile sig_atomic_t sig_pending, sig_from_process, sig_count, sig_child;

/* A stopping signal sets a flag (the loop acts on it); si_code tells a
 * terminal's Ctrl-C (SI_KERNEL: the whole foreground group got it, the
 * command included) from a kill() aimed at hprof alone (SI_USER/SI_QUEUE). */
static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGCHLD) {
		sig_child = 1;
		return;
	}
	sig_count++;
	if (!sig_pending) {
		sig_pending = sig;
		sig_from_process = si && si->si_code <= 0;
	}
}

static void signals_install(struct session *s)
{
	struct sigaction sa;
	sigset_t block;

	sig_pending = sig_from_process = sig_count = sig_child = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < HP_ARRAY_SIZE(stop_signals); i++) {
		sigaction(stop_signals[i], &sa, &s->oldact[i]);
		sigaddset(&block, stop_signals[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &s->oldmask);
}

static void signals_restore(struct session *s)
{
	for (size_t i = 0; i < HP_ARRAY_SIZE(stop_signals); i++)
		sigaction(stop_signals[i], &s->oldact[i], NULL);
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
}

/* Sleep until `until_ns` (monotonic), a signal, or one of fds is readable;
 * returns ppoll's result. Stopping signals are only deliverable in here. */
static int sleep_until(struct session *s, uint64_t until_ns, struct pollfd *fds, int nfds)
{
	uint64_t now = hp_now_ns(), d = until_ns > now ? until_ns - now : 0;
	struct timespec ts = { (time_t)(d / SEC), (long)(d % SEC) };
	return ppoll(fds, (nfds_t)nfds, &ts, &s->oldmask);
}

/* --- tracked processes --------------------------------------------------- */

static struct tracked *tracked_find(struct session *s, int pid)
{
	for (size_t i = 0; i < s->ntr; i++)
		if (s->tr[i].pid == pid && s->tr[i].state != TR_GONE)
			return &s->tr[i];
	return NULL;
}

static struct tracked *tracked_add(struct session *s, int pid, int target)
{
	struct tracked *t;
	struct procinfo pi;
	uint64_t now = hp_now_ns();

	if (s->ntr == s->captr) {
		s->captr = s->captr ? 2 * s->captr : 16;
		s->tr = xreallocarray(s->tr, s->captr, sizeof *s->tr);
	}
	t = &s->tr[s->ntr++];
	*t = (struct tracked){ .pid = pid, .target = target, .state = TR_PENDING,
			       .image_since = now, .next_try = now };
	if (procinfo_read(pid, &pi) == 0)
		t->image = pi.image;
	return t;
}

/* Forget the processes that are gone (a pool may start thousands). */
static void tracked_compact(struct session *s)
{
	size_t kept = 0;
	for (size_t i = 0; i < s->ntr; i++)
		if (s->tr[i].state != TR_GONE || s->tr[i].target)
			s->tr[kept++] = s->tr[i];
	s->ntr = kept;
}

/* "CPython 3.12.1 (/path/libpython...)" -> "3.12.1" (a new string). */
static char *python_version(const char *d)
{
	if (!d)
		return NULL;
	if (strncmp(d, "CPython ", 8) == 0)
		d += 8;
	return xstrndup(d, strcspn(d, " "));
}

static void tracked_activate(struct session *s, struct tracked *t)
{
	const char *d = s->ops->describe ? s->ops->describe(s->smp, t->pid) : NULL;
	char *cmd = procinfo_cmdline(t->pid);
	struct procinfo pi;

	t->state = TR_ACTIVE;
	s->nactive++;
	/* Timer ticks in cpu mode: count only threads that really got CPU time
	 * (perf's cpu-clock events fire on a CPU already). */
	aggregate_set_cpu_check(s->sink, !s->ops->pollfds && s->sopts.mode == SAMPLER_MODE_CPU);
	if (!s->ever_active++)
		s->t_active = hp_now_ns();
	aggregate_process_add(s->sink, t->pid, procinfo_read(t->pid, &pi) == 0 ? pi.ppid : 0, cmd);
	if (s->nactive == 1) { /* the achieved rate counts from here */
		s->win_t0 = hp_now_ns();
		s->win_ticks = 0;
	}
	if (d && (strcmp(s->ops->name, "python") == 0 || strcmp(s->ops->name, "mixed") == 0)) {
		char *v = python_version(d);
		aggregate_process_set_python(s->sink, t->pid, v);
		if (t->target)
			store_run_set_python(s->st, s->run, v, NULL);
		free(v);
	}
	free(cmd);
}

/* Stop sampling a process (exec'ed or exited); `gone`: for good. */
static void tracked_drop(struct session *s, struct tracked *t, int gone, int exit_code)
{
	if (t->state == TR_ACTIVE) {
		s->ops->remove_process(s->smp, t->pid);
		s->nactive--;
		if (gone)
			aggregate_process_exit(s->sink, t->pid, exit_code);
	}
	t->state = gone ? TR_GONE : TR_PENDING;
	t->image_since = t->next_try = hp_now_ns();
	t->warned = 0;
}

/* --- choosing and opening backends -------------------------------------- */

static const struct sampler_ops *backend_get(const struct session *s, const char *name)
{
	if (s->o->test_ops) {
		for (size_t i = 0; s->o->test_ops[i]; i++)
			if (strcmp(s->o->test_ops[i]->name, name) == 0)
				return s->o->test_ops[i];
		return NULL;
	}
	return sampler_find(name);
}

static int backend_open(struct session *s, const struct sampler_ops *ops, char **why)
{
	int ret;
	if (s->smp)
		s->ops->close(s->smp);
	s->smp = NULL;
	s->ops = ops;
	ret = ops->open(&s->sopts, &s->smp, why);
	if (ret < 0)
		s->ops = NULL;
	return ret;
}

/* The first native backend that opens: perf, else ptrace (with a notice). */
static int backend_open_native(struct session *s, char **why)
{
	static const char *const names[] = { "perf", "ptrace" };
	char *err = NULL;
	int ret = -ENOSYS;

	for (size_t i = 0; i < HP_ARRAY_SIZE(names); i++) {
		const struct sampler_ops *ops = backend_get(s, names[i]);
		if (!ops)
			continue;
		free(err);
		err = NULL;
		if ((ret = backend_open(s, ops, &err)) == 0)
			break;
		if (i + 1 < HP_ARRAY_SIZE(names) && backend_get(s, names[i + 1]))
			hp_info("the %s backend is not available (%s); using %s", names[i],
				err ? err : strerror(-ret), names[i + 1]);
	}
	if (ret == -ENOSYS && !err)
		return hp_fail(why, -ENOSYS, "no native backend is built into this hprof "
			       "(perf: %s)", backend_not_built("perf"));
	if (ret < 0) {
		*why = err;
		return ret;
	}
	free(err);
	return 0;
}

/* Which backend to start with; auto starts with the one that recognises
 * Python (mixed with --native) and may switch once the target is known. */
static int backend_prepare(struct session *s, char **why)
{
	const char *name = s->o->backend ? s->o->backend : "auto";
	const struct sampler_ops *ops;

	if (strcmp(name, "auto") == 0) {
		name = s->o->sampler.native ? "mixed" : "python";
		if (!(ops = backend_get(s, name)))
			return backend_open_native(s, why);
		/* With --subprocesses the whole tree is sampled as Python: a
		 * launcher (mpirun, a shell) is only followed for its children. */
		s->choosing = !s->o->subprocesses;
		return backend_open(s, ops, why);
	}
	if (!(ops = backend_get(s, name)))
		return hp_fail(why, -ENOSYS, "the %s backend is not built into this hprof: %s",
			       name, backend_not_built(name));
	return backend_open(s, ops, why);
}

/* Auto mode, the target is not Python: switch to a native backend. */
static void choose_native(struct session *s, struct tracked *t)
{
	char *why = NULL, *exe = procinfo_exe(t->pid);
	s->choosing = 0;
	if (backend_open_native(s, &why) < 0) {
		s->fatal = -ENOEXEC;
		s->fatal_why = xasprintf("process %d (%s) is not a Python process, and native "
					 "sampling is not available: %s", t->pid,
					 exe ? exe : "?", why ? why : "");
	} else {
		hp_info("process %d (%s) is not Python: sampling native stacks with the %s backend",
			t->pid, exe ? exe : "?", s->ops->name);
		t->next_try = hp_now_ns();
	}
	free(exe);
	free(why);
}

/* --- adding processes ---------------------------------------------------- */

/* A shell or a command that runs another (pyenv's shim, env, nice...): it
 * will probably exec the program to profile, so wait for that. */
static int is_wrapper(int pid)
{
	static const char *const names[] = { "sh", "bash", "dash", "zsh", "ksh", "mksh",
		"busybox", "env", "nice", "nohup", "timeout", "stdbuf", "taskset", "numactl",
		"chrt", "ionice", "setpriv", "sudo", "time", "pyenv", NULL };
	char *exe = procinfo_exe(pid), *base;
	int yes = 0;

	if (!exe)
		return 0;
	base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
	for (int i = 0; names[i] && !yes; i++)
		yes = strcmp(base, names[i]) == 0 || (strncmp(base, names[i], strlen(names[i])) == 0 &&
						       base[strlen(names[i])] == '.');
	free(exe);
	return yes;
}

/* The one line for a target that cannot be sampled (no retry will help). */
static void target_refused(struct session *s, struct tracked *t, int err, const char *why)
{
	char *exe = procinfo_exe(t->pid);
	s->fatal = err;
	free(s->fatal_why);
	if (err == -EPERM || err == -EACCES)
		s->fatal_why = xasprintf("not permitted to sample process %d%s%s%s: run hprof as root, "
			"or as the process's owner with kernel.yama.ptrace_scope=0%s", t->pid,
			exe ? " (" : "", exe ? exe : "", exe ? ")" : "",
			strcmp(s->ops->name, "perf") == 0 ? " and kernel.perf_event_paranoid<=1" : "");
	else if (err == -ENOEXEC)
		s->fatal_why = xasprintf("process %d (%s) is not a Python process; the %s backend "
			"samples CPython only (use --backend auto for native stacks)", t->pid,
			exe ? exe : "?", s->ops->name);
	else if (err == -ESRCH)
		s->fatal_why = xasprintf("process %d exited before it could be sampled", t->pid);
	else
		s->fatal_why = xasprintf("cannot sample process %d: %s", t->pid,
					 why ? why : strerror(-err));
	free(exe);
	t->state = TR_WATCH;
}

/* When to try a pending process again: quickly at first (the interpreter
 * starts in milliseconds), then less often. */
static uint64_t retry_delay(const struct tracked *t, uint64_t now)
{
	uint64_t waited = now - t->image_since;
	return waited < 200 * MS ? 2 * MS : waited < SLOW_START_NS ? 20 * MS : 200 * MS;
}

/* -ENOEXEC: wait for a possible exec, switch to native, or follow only. */
static void pending_not_python(struct session *s, struct tracked *t, uint64_t now, const char *why)
{
	uint64_t waited = now - t->image_since;
	int wrapper = waited >= s->enoexec_grace && waited < WRAPPER_WAIT_NS && is_wrapper(t->pid);

	if (waited < s->enoexec_grace || wrapper)
		return;
	if (t->target && s->choosing)
		choose_native(s, t);
	else if (t->target && !s->o->subprocesses && !s->ever_active)
		target_refused(s, t, -ENOEXEC, why);
	else /* a launcher, or a Python that exec'ed another program: follow it */
		t->state = TR_WATCH;
}

static void pending_try(struct session *s, struct tracked *t, uint64_t now)
{
	char *why = NULL;
	int ret;

	t->next_try = now + retry_delay(t, now);
	ret = s->ops->add_process(s->smp, t->pid, &why);
	if (ret == 0 && s->follow_fd >= 0)
		s->choosing = 0; /* the backend suits the announced processes: keep it */
	if (ret == 0 && t->probe) {
		s->ops->remove_process(s->smp, t->pid);
		t->state = TR_WATCH;
	} else if (ret == 0) {
		tracked_activate(s, t);
	} else if (ret == -ESRCH) {
		if (t->target && !s->ever_active && s->attach)
			target_refused(s, t, ret, why);
		t->state = TR_GONE;
	} else if (ret == -EAGAIN) {
		if (now - t->image_since > SLOW_START_NS && !t->warned++ && t->target)
			hp_warn("process %d: %s; still waiting for it", t->pid,
				why ? why : "the interpreter has not started after 10 s");
	} else if (ret == -ENOEXEC) {
		pending_not_python(s, t, now, why);
	} else if (t->target) {
		target_refused(s, t, ret, why);
	} else {
		if (!s->warned_children++)
			hp_warn("cannot sample subprocess %d: %s", t->pid, why ? why : strerror(-ret));
		t->state = TR_WATCH;
	}
	free(why);
}

/* --- the command we started ---------------------------------------------- */

static int wait_status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/* Reap the command if it exited.  Peek first (WNOWAIT): a backend that
 * ptrace()s the command gets its stops through wait too, and must keep them.
 * Such a backend may also reap the command itself (its wait for a stop
 * returned the exit): then the status is lost, but the command is done. */
static int child_reap(struct session *s)
{
	siginfo_t si;
	int status;

	if (!s->child || s->child_done)
		return s->child_done;
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)s->child, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
		if (errno != ECHILD)
			return 0;
		hp_warn("the command (pid %d) exited but its exit status was taken by the "
			"sampler's ptrace; hprof exits with 1", s->child);
		return s->child_done = 1;
	}
	if (si.si_pid == 0)
		return 0;
	if (si.si_code != CLD_EXITED && si.si_code != CLD_KILLED && si.si_code != CLD_DUMPED)
		return 0;
	if (waitpid(s->child, &status, WNOHANG) != s->child)
		return 0;
	s->child_status = wait_status_code(status);
	return s->child_done = 1;
}

static int spawn(struct session *s, char *const argv[], char **why)
{
	int pfd[2], err = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return hp_fail(why, -errno, "cannot start the command: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return hp_fail(why, -errno, "cannot start the command: %s", strerror(errno));
	}
	if (pid == 0) {
		signals_restore(s);
		prctl(PR_SET_TIMERSLACK, 0UL, 0UL, 0UL, 0UL);
		execvp(argv[0], argv);
		err = errno;
		(void)!write(pfd[1], &err, sizeof err);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], &err, sizeof err)) < 0 && errno == EINTR)
		;
	close(pfd[0]);
	if (n == (ssize_t)sizeof err) { /* exec failed: reap the child, nothing ran */
		waitpid(pid, NULL, 0);
		if (err == ENOENT)
			return hp_fail(why, -ENOENT, strchr(argv[0], '/') ? "cannot run '%s': no such file"
				       : "cannot run '%s': command not found", argv[0]);
		return hp_fail(why, err == ENOEXEC || err == EACCES || err == EISDIR ? -EACCES : -err,
			       "cannot run '%s': %s", argv[0], strerror(err));
	}
	s->child = s->target = pid;
	s->child_status = -1;
	return 0;
}

/* --- processes announced by another program (session_follow) ----------- */

/* Add each pid read from the socket ("PID\n" lines, "PID probe\n" for a
 * process that only helps choose the backend); EOF: no more to come. */
static void follow_read(struct session *s)
{
	char buf[256];
	ssize_t n;

	while ((n = read(s->follow_fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (s->follow_len + 1 < sizeof s->follow_buf)
					s->follow_buf[s->follow_len++] = buf[i];
				continue;
			}
			s->follow_buf[s->follow_len] = '\0';
			s->follow_len = 0;
			int pid = atoi(s->follow_buf);
			if (pid > 0 && !tracked_find(s, pid))
				tracked_add(s, pid, 1)->probe = strstr(s->follow_buf, " probe") != NULL;
		}
	}
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		s->follow_eof = 1;
}

/* Any announced process still running (or not yet known to be gone)? */
static int follow_alive(const struct session *s)
{
	for (size_t i = 0; i < s->ntr; i++)
		if (s->tr[i].state != TR_GONE)
			return 1;
	return 0;
}

/* --- housekeeping -------------------------------------------------------- */

static void child_found(int pid, void *arg)
{
	struct session *s = arg;
	if (!tracked_find(s, pid))
		tracked_add(s, pid, 0);
}

static int is_tracked_parent(struct session *s, int ppid)
{
	struct tracked *t = tracked_find(s, ppid);
	return t && t->state != TR_GONE;
}

static void each_process(int pid, int ppid, void *arg)
{
	struct session *s = arg;
	if (is_tracked_parent(s, ppid))
		child_found(pid, s);
}

/* New children of every followed process (--subprocesses). */
static void scan_children(struct session *s)
{
	size_t n = s->ntr;
	for (size_t i = 0; i < n; i++) {
		int pid = s->tr[i].pid;
		if (s->tr[i].state == TR_GONE)
			continue;
		if (procinfo_children(pid, child_found, s) == -ENOSYS) {
			procinfo_each(each_process, s); /* no children files: scan /proc */
			return;
		}
	}
}

/* Exits and execs of the processes we know (the command: see child_reap). */
static void scan_changes(struct session *s)
{
	struct procinfo pi;
	for (size_t i = 0; i < s->ntr; i++) {
		struct tracked *t = &s->tr[i];
		if (t->state == TR_GONE || (t->pid == s->child && s->child_done))
			continue;
		if (procinfo_read(t->pid, &pi) < 0 || pi.state == 'Z' || pi.state == 'X') {
			if (t->pid != s->child) /* our child: its status comes from wait */
				tracked_drop(s, t, 1, INT32_MIN);
			continue;
		}
		if (pi.image != t->image) { /* it exec'ed: a new program to recognise */
			t->image = pi.image;
			tracked_drop(s, t, 0, 0);
		}
	}
	tracked_compact(s);
}

static void check_rate(struct session *s, uint64_t now)
{
	double secs, hz;
	if (!s->nactive) {
		s->win_t0 = now;
		s->win_ticks = 0;
	}
	if (now - s->win_t0 < BEHIND_WINDOW_NS)
		return;
	secs = (double)(now - s->win_t0) / 1e9;
	hz = (double)s->win_ticks / secs;
	if (s->nactive && s->ops && !s->ops->pollfds && hz < 0.9 * s->sopts.rate_hz &&
	    !s->warned_behind++)
		hp_warn("sampling fell behind: %.0f Hz achieved of %.0f Hz asked (a sample takes "
			"longer than the interval); try a lower --rate", hz, s->sopts.rate_hz);
	s->win_t0 = now;
	s->win_ticks = 0;
}

static void stop(struct session *s, enum session_end end)
{
	if (s->stopping)
		return;
	s->stopping = 1;
	s->end = end;
	s->t_stop = hp_now_ns();
}

static void housekeeping(struct session *s, uint64_t now)
{
	char *why = NULL;
	int pending = 0;

	if (s->follow_fd >= 0 && !s->follow_eof)
		follow_read(s);
	if (child_reap(s)) {
		struct tracked *t = tracked_find(s, s->child);
		if (t)
			tracked_drop(s, t, 1, s->child_status >= 0 ? s->child_status : INT32_MIN);
		return stop(s, SESSION_COMPLETED);
	}
	if (now >= s->next_scan) {
		scan_changes(s);
		if (s->o->subprocesses && !backend_inherits(s->ops))
			scan_children(s);
		s->next_scan = now + SCAN_NS;
		check_rate(s, now);
	}
	for (size_t i = 0; i < s->ntr && !s->fatal; i++) {
		struct tracked *t = &s->tr[i];
		if (t->state == TR_PENDING && s->ops && now >= t->next_try)
			pending_try(s, t, now);
		pending += t->state == TR_PENDING;
	}
	if (s->attach && !tracked_find(s, s->target))
		return stop(s, s->fatal ? SESSION_FAILED : SESSION_TARGET_EXITED);
	if (s->follow_fd >= 0 && s->follow_eof && !follow_alive(s))
		return stop(s, SESSION_COMPLETED);
	if (s->fatal)
		return stop(s, SESSION_FAILED);
	if (s->deadline && now >= s->deadline)
		return stop(s, SESSION_COMPLETED);
	if (aggregate_tick(s->sink, now, &why) < 0 && !s->warned_flush++)
		hp_warn("%s; keeping the samples in memory and trying again", why);
	free(why);
	s->next_house = now + (pending ? 2 * MS : HOUSE_NS);
}

/* --- sampling ------------------------------------------------------------ */

/* A uniform value in [-1, 1) from xorshift64*. */
static double jitter_unit(struct session *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (double)((s->rng * 0x2545f4914f6cdd1dULL) >> 11) / (double)(1ULL << 53) * 2 - 1;
}

static uint64_t next_interval(struct session *s)
{
	return (uint64_t)((double)s->period * (1 + SESSION_JITTER * jitter_unit(s)));
}

static void collect(struct session *s)
{
	char *why = NULL;
	if (s->ops->collect(s->smp, s->sink, &why) < 0) {
		s->fatal = -EIO;
		s->fatal_why = xasprintf("the %s backend stopped: %s", s->ops->name,
					 why ? why : "unknown error");
		stop(s, SESSION_FAILED);
	}
	free(why);
}

/* A timer tick: take a sample; a tick late by more than a period counts the
 * periods missed, and the next one is scheduled from now (no burst). */
static void tick(struct session *s, uint64_t now)
{
	if (now - s->next_tick > s->period)
		s->missed += (now - s->next_tick) / s->period;
	collect(s);
	s->ticks++;
	s->win_ticks++;
	s->next_tick += next_interval(s);
	if (s->next_tick <= now)
		s->next_tick = now + next_interval(s);
}

static void handle_signal(struct session *s)
{
	int sig = sig_pending;
	if (!sig)
		return;
	/* A signal from a process (kill, timeout) reached hprof alone: pass it
	 * on; the terminal's Ctrl-C already reached the whole foreground group. */
	if (s->child && !s->child_done && sig_from_process)
		kill(s->child, sig);
	stop(s, s->attach ? SESSION_DETACHED : SESSION_INTERRUPTED);
}

static void loop(struct session *s)
{
	struct pollfd fds[MAX_POLLFDS];

	while (!s->stopping) {
		uint64_t now = hp_now_ns(), until;
		int nfds = 0, event = s->ops && s->ops->pollfds, woke, follow_slot = -1;

		handle_signal(s);
		if (sig_child) { /* the command may have exited: look now */
			sig_child = 0;
			s->next_house = now;
		}
		if (!s->stopping && now >= s->next_house)
			housekeeping(s, now);
		if (s->stopping)
			break;
		if (!event && s->nactive && now >= s->next_tick)
			tick(s, now);
		if (s->stopping)
			break;
		until = s->next_house;
		if (!event && s->nactive && s->next_tick < until)
			until = s->next_tick;
		if (event && s->nactive)
			nfds = s->ops->pollfds(s->smp, fds, MAX_POLLFDS - 1);
		if (s->follow_fd >= 0 && !s->follow_eof) {
			fds[nfds] = (struct pollfd){ .fd = s->follow_fd, .events = POLLIN };
			follow_slot = nfds++;
		}
		if (!s->nactive)
			s->next_tick = until; /* start ticking when something is active */
		woke = sleep_until(s, until, fds, nfds);
		if (woke > 0 && follow_slot >= 0 && fds[follow_slot].revents) {
			s->next_house = 0; /* a pid to add: housekeeping reads it now */
			woke--;
		}
		if (woke > 0)
			collect(s);
	}
}

/* --- the session's life -------------------------------------------------- */

static void session_init(struct session *s, const struct session_opts *o, int attach)
{
	memset(s, 0, sizeof *s);
	s->o = o;
	s->sopts = o->sampler;
	s->sopts.inherit = 1;
	s->attach = attach;
	s->child_status = -1;
	s->period = (uint64_t)(1e9 / (o->sampler.rate_hz > 0 ? o->sampler.rate_hz : SESSION_DEFAULT_RATE));
	s->rng = hp_now_ns() | 1;
	s->end = SESSION_COMPLETED;
	s->follow_fd = -1;
	s->enoexec_grace = ENOEXEC_GRACE_NS;
}

/* runs.settings: the options that shaped the samples, as "key=value" words. */
static char *settings_text(const struct session_opts *o)
{
	const struct sampler_opts *so = &o->sampler;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_printf(&sb, "rate=%g mode=%s backend=%s call-graph=%s", so->rate_hz,
		      so->mode == SAMPLER_MODE_WALL ? "wall" : "cpu", o->backend ? o->backend : "auto",
		      so->call_graph == CALL_GRAPH_FP ? "fp" : "dwarf");
	if (o->duration_s > 0)
		strbuf_printf(&sb, " duration=%g", o->duration_s);
	if (so->event)
		strbuf_printf(&sb, " event=%s", so->event);
	strbuf_printf(&sb, "%s%s%s%s%s%s", so->gil_only ? " gil" : "", so->blocking ? " blocking" : "",
		      so->native ? " native" : "", so->kernel ? " kernel" : "",
		      o->subprocesses ? " subprocesses" : "", o->timeline ? " timeline" : "");
	return strbuf_detach(&sb);
}

/* Open the store and record the run: before the target starts, so an
 * unwritable database is said before anything runs. */
static int session_begin(struct session *s, const char *command, int pid, char **why)
{
	char *settings = settings_text(s->o);
	struct store_run_info info = {
		.kind = "profile", .name = s->o->name, .command = command, .pid = pid,
		.sampler = s->o->backend ? s->o->backend : "auto", .rate_hz = s->sopts.rate_hz,
		.mode = s->sopts.mode == SAMPLER_MODE_WALL ? "wall" : "cpu", .settings = settings,
		.parent_run = s->parent_run,
	};
	int ret = store_open(s->o->db_path, 0, &s->st, why);

	if (ret == 0)
		ret = store_run_create(s->st, &info, &s->run, why);
	free(settings);
	if (ret < 0)
		return ret;
	s->sink = aggregate_new(s->st, s->run, s->o->timeline);
	return 0;
}

static void meta_set(struct session *s, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void meta_set(struct session *s, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *v;
	va_start(ap, fmt);
	v = xvasprintf(fmt, ap);
	va_end(ap);
	store_run_meta_set(s->st, s->run, key, v, NULL);
	free(v);
}

static void meta_error(const char *cause, uint64_t n, void *arg)
{
	char *key = xasprintf("errors.%s", cause);
	meta_set(arg, key, "%llu", (unsigned long long)n);
	free(key);
}

/* CPU time hprof used so far (user + system), for the overhead figures. */
static double self_cpu_s(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return 0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* runs.sampler: the backend that sampled, not "auto" (the settings keep
 * what was asked for). */
static void set_sampler(struct session *s)
{
	sqlite3_stmt *q = store_stmt(s->st, "UPDATE runs SET sampler = ? WHERE id = ?", NULL);
	if (!q || !s->ops)
		return;
	sqlite3_bind_text(q, 1, s->ops->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, s->run);
	sqlite3_step(q);
	sqlite3_reset(q);
}

/* How the sampling went, for hprof report and the viewer (run_meta). */
static void record_meta(struct session *s, double secs, double hz)
{
	if (store_begin(s->st, NULL) < 0)
		return;
	meta_set(s, "backend", "%s", s->ops ? s->ops->name : "none");
	set_sampler(s);
	meta_set(s, "achieved_rate_hz", "%.1f", hz);
	meta_set(s, "sampling_seconds", "%.3f", secs);
	meta_set(s, "ticks", "%llu", (unsigned long long)s->ticks);
	meta_set(s, "missed_ticks", "%llu", (unsigned long long)s->missed);
	meta_set(s, "empty_samples", "%llu", (unsigned long long)aggregate_empty(s->sink));
	meta_set(s, "stalled_samples", "%llu", (unsigned long long)aggregate_stalled(s->sink));
	meta_set(s, "jitter", "%g", SESSION_JITTER);
	meta_set(s, "profiler_cpu_s", "%.4f", self_cpu_s());
	aggregate_each_error(s->sink, meta_error, s);
	if (store_commit(s->st, NULL) < 0)
		store_rollback(s->st);
}

static void top_error(const char *cause, uint64_t n, void *arg)
{
	struct session_result *res = arg;
	(void)n;
	if (!res->top_error[0])
		snprintf(res->top_error, sizeof res->top_error, "%s", cause);
}

/* Stop sampling every process, write everything, mark the run. */
static void session_end(struct session *s, struct session_result *res)
{
	char *why = NULL;
	uint64_t active_ns;

	if (s->smp && s->ops->pollfds && s->nactive && !s->fatal)
		collect(s); /* what the ring buffers still hold */
	for (size_t i = 0; i < s->ntr; i++)
		if (s->tr[i].state == TR_ACTIVE)
			tracked_drop(s, &s->tr[i], 0, 0);
	if (s->smp)
		s->ops->close(s->smp);
	s->smp = NULL;
	if (!s->t_stop)
		s->t_stop = hp_now_ns();
	active_ns = s->ever_active ? s->t_stop - s->t_active : 0;
	res->run = s->run;
	res->end = s->end;
	res->exit_status = s->child_status;
	res->samples = aggregate_samples(s->sink);
	res->errors = aggregate_errors(s->sink);
	res->seconds = (double)(s->t_stop - s->t0) / 1e9;
	/* Ticks per second; event-driven backends: samples per second. */
	res->achieved_hz = !active_ns ? 0 : (double)(s->ticks ? s->ticks : res->samples) /
					       ((double)active_ns / 1e9);
	res->saved = 1;
	aggregate_each_error(s->sink, top_error, res);
	if (aggregate_flush(s->sink, &why) < 0) {
		hp_err("%s: the samples of this run could not be saved", why);
		res->saved = 0;
	}
	record_meta(s, (double)active_ns / 1e9, res->achieved_hz);
	free(why);
	why = NULL;
	if (store_run_finish(s->st, s->run, session_end_name(s->end),
			     s->child_status >= 0 ? s->child_status : INT32_MIN,
			     (int64_t)res->samples, (int64_t)res->errors, &why) < 0 && res->saved) {
		hp_err("%s", why);
		res->saved = 0;
	}
	free(why);
}

static void session_free(struct session *s)
{
	if (s->smp)
		s->ops->close(s->smp);
	aggregate_free(s->sink);
	store_close(s->st);
	free(s->tr);
	free(s->fatal_why);
}

static void session_start_clock(struct session *s)
{
	uint64_t now = hp_now_ns();
	s->t0 = s->win_t0 = s->next_house = s->next_scan = s->next_tick = now;
	if (s->o->duration_s > 0)
		s->deadline = now + (uint64_t)(s->o->duration_s * 1e9);
	prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL); /* 1 us: ticks on time */
}

/* After sampling stopped early (signal, --duration, failure): the command
 * keeps running; wait for it like a shell would.  A second signal stops the
 * wait (the command is left running). */
static void wait_command(struct session *s, struct session_result *res)
{
	char *why = NULL;
	int notified = 0, counted = sig_count;

	while (s->child && !child_reap(s)) {
		if (sig_count > counted) {
			hp_warn("not waiting for process %d any longer; it is still running", s->child);
			res->exit_status = 128 + (sig_pending ? sig_pending : SIGINT);
			return;
		}
		if (!notified++ && s->end == SESSION_COMPLETED)
			hp_info("sampling stopped after %.1f s; waiting for the command (pid %d) to exit",
				res->seconds, s->child);
		sleep_until(s, hp_now_ns() + 100 * MS, NULL, 0);
	}
	res->exit_status = s->child_status;
	/* The run was finished before the command: add its exit status now. */
	aggregate_process_exit(s->sink, s->child, s->child_status >= 0 ? s->child_status : INT32_MIN);
	if (aggregate_flush(s->sink, &why) < 0 ||
	    store_run_finish(s->st, s->run, session_end_name(s->end),
			     s->child_status >= 0 ? s->child_status : INT32_MIN,
			     (int64_t)res->samples, (int64_t)res->errors, &why) < 0)
		hp_warn("%s", why);
	free(why);
}

int session_run(const struct session_opts *o, char *const argv[], struct session_result *res,
		char **why)
{
	struct session s;
	char *command;
	int ret, argc = 0;

	while (argv[argc])
		argc++;
	command = hp_argv_join(argc, argv);
	session_init(&s, o, 0);
	memset(res, 0, sizeof *res);
	res->exit_status = HP_EXIT_FAIL;
	if ((ret = backend_prepare(&s, why)) < 0 || (ret = session_begin(&s, command, 0, why)) < 0)
		goto out;
	signals_install(&s);
	if ((ret = spawn(&s, argv, why)) < 0) {
		/* A shell's statuses: 127 not found, 126 found but not runnable. */
		res->exit_status = ret == -ENOENT ? 127 : ret == -EACCES ? 126 : HP_EXIT_FAIL;
		store_run_delete(s.st, s.run, NULL); /* nothing ran: not a run */
		signals_restore(&s);
		goto out;
	}
	store_run_set_pid(s.st, s.run, s.child, NULL);
	tracked_add(&s, s.child, 1);
	session_start_clock(&s);
	loop(&s);
	if (s.fatal_why)
		hp_err("%s", s.fatal_why);
	session_end(&s, res);
	if (!s.child_done)
		wait_command(&s, res);
	signals_restore(&s);
out:
	session_free(&s);
	free(command);
	return ret;
}

int session_attach(const struct session_opts *o, int pid, struct session_result *res,
		   char **why)
{
	struct session s;
	char *cmd = NULL, *command = NULL;
	int ret;

	session_init(&s, o, 1);
	memset(res, 0, sizeof *res);
	if (!procinfo_alive(pid)) {
		ret = hp_fail(why, -ESRCH, "no process with PID %d: it has exited or never "
			      "existed (see ps or pgrep)", pid);
		goto out;
	}
	cmd = procinfo_cmdline(pid);
	command = xasprintf("attach %d: %s", pid, cmd ? cmd : "?");
	if ((ret = backend_prepare(&s, why)) < 0 || (ret = session_begin(&s, command, pid, why)) < 0)
		goto out;
	s.target = pid;
	tracked_add(&s, pid, 1);
	signals_install(&s);
	session_start_clock(&s);
	loop(&s);
	signals_restore(&s);
	if (s.fatal && !s.ever_active) { /* never sampled: an error, not a run */
		store_run_delete(s.st, s.run, NULL);
		ret = hp_fail(why, s.fatal, "%s", s.fatal_why);
		goto out;
	}
	if (s.fatal_why)
		hp_err("%s", s.fatal_why);
	session_end(&s, res);
out:
	session_free(&s);
	free(cmd);
	free(command);
	return ret;
}

int session_follow(const struct session_opts *o, int pid_fd, int64_t parent_run,
		   const char *command, struct session_result *res, char **why)
{
	struct session s;
	int ret, fl = fcntl(pid_fd, F_GETFL);

	session_init(&s, o, 0);
	memset(res, 0, sizeof *res);
	s.follow_fd = pid_fd;
	s.parent_run = parent_run;
	/* Announced right after posix_spawn: exec is done, only ld.so may still
	 * be mapping libpython; a short command must not pass unsampled. */
	s.enoexec_grace = FOLLOW_GRACE_NS;
	if (fl >= 0)
		fcntl(pid_fd, F_SETFL, fl | O_NONBLOCK);
	if ((ret = backend_prepare(&s, why)) < 0 || (ret = session_begin(&s, command, 0, why)) < 0)
		goto out;
	signals_install(&s);
	session_start_clock(&s);
	loop(&s);
	signals_restore(&s);
	if (s.fatal_why)
		hp_err("%s", s.fatal_why);
	session_end(&s, res);
out:
	session_free(&s);
	return ret;
}

/* --- the closing line ---------------------------------------------------- */

void session_print_summary(const struct session_opts *o, const struct session_result *res)
{
	static const char *const how[] = { "", "interrupted: ", "target exited: ", "detached: ",
					   "failed: " };
	double total = (double)(res->samples + res->errors);
	char *see = o->db_given ? xasprintf("hprof --db %s report", o->db_path) : xstrdup("hprof report");

	if (!res->saved) {
		free(see);
		return;
	}
	hp_info("%s%llu samples in %.2f s (%.0f Hz), %.2f%% errors%s%s%s; saved as run %lld in %s; "
		"see '%s'", how[res->end], (unsigned long long)res->samples, res->seconds,
		res->achieved_hz, total > 0 ? 100.0 * (double)res->errors / total : 0.0,
		res->top_error[0] ? " (mostly " : "", res->top_error, res->top_error[0] ? ")" : "",
		(long long)res->run, o->db_path, see);
	free(see);
}
