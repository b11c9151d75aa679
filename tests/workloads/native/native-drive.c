/* native-drive.c — drive one native backend directly, for the native tests.
 *
 * A small stand-in for `hprof run/attach` that needs no session, aggregator
 * or store: it starts COMMAND (or attaches to -p PID for -d seconds), samples
 * it with the backend chosen by -b, and prints the stacks it saw, one line
 * per distinct (pid, tid, stack):
 *   COUNT \t PID \t TID \t root;...;leaf
 * each frame written function:file-basename:line:module-basename.  Sink
 * errors go to stderr as "error CAUSE N".  Exit status: 0, or 1 on failure.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "native/native.h"
#include "sampler.h"
#include "util.h"

struct drive_stack {
	char *key;
	uint64_t count;
};

struct hp_sink {
	struct drive_stack *stacks;
	size_t n, cap;
	char *causes[32];
	uint64_t counts[32];
	uint64_t samples;
	uint64_t collects, collect_ns; /* how long collect() took, for the man page */
};

static const char *base(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p ? p : "";
}

void hp_sink_add(struct hp_sink *sink, const struct hp_sample *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%d\t%d\t", s->pid, s->tid);
	for (int i = s->nframes - 1; i >= 0; i--) {
		const struct hp_frame *f = &s->frames[i];
		strbuf_printf(&sb, "%s:%s:%d:%s%s", f->function, base(f->file), f->line,
			      f->kind == FRAME_KERNEL ? "[kernel]" : base(f->module), i ? ";" : "");
	}
	char *key = strbuf_detach(&sb);
	sink->samples++;
	for (size_t i = 0; i < sink->n; i++)
		if (strcmp(sink->stacks[i].key, key) == 0) {
			sink->stacks[i].count += s->weight;
			free(key);
			return;
		}
	if (sink->n == sink->cap) {
		sink->cap = sink->cap ? sink->cap * 2 : 256;
		sink->stacks = xreallocarray(sink->stacks, sink->cap, sizeof(*sink->stacks));
	}
	sink->stacks[sink->n].key = key;
	sink->stacks[sink->n++].count = s->weight;
}

void hp_sink_error(struct hp_sink *sink, const char *cause, uint64_t n)
{
	size_t i;
	for (i = 0; i < 32 && sink->causes[i]; i++)
		if (strcmp(sink->causes[i], cause) == 0)
			break;
	if (i == 32)
		return;
	if (!sink->causes[i])
		sink->causes[i] = xstrdup(cause);
	sink->counts[i] += n;
}

static const struct sampler_ops *drive_backend(const char *name)
{
	if (strcmp(name, "perf") == 0)
		return &perf_sampler_ops;
	if (strcmp(name, "ptrace") == 0)
		return &ptrace_sampler_ops;
	if (strcmp(name, "mixed") == 0)
		return &mixed_sampler_ops;
#ifdef HAVE_BPF
	if (strcmp(name, "bpf") == 0)
		return &bpf_sampler_ops;
#endif
	return NULL;
}

/* Start argv stopped on a pipe until the backend has the process. */
static int drive_spawn(char **argv, int *gate)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		if (read(fds[0], &c, 1) < 0)
			_exit(127);
		close(fds[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	*gate = fds[1];
	return pid;
}

/* Has our child exited?  Peek first (WNOWAIT): a ptrace stop of the child
 * is reported to us as its tracer too, and belongs to the backend. */
static int drive_exited(int pid, int child, int *status)
{
	siginfo_t si;
	if (!child)
		return kill(pid, 0) != 0 && errno == ESRCH;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0 || si.si_pid == 0)
		return 0;
	if (si.si_code != CLD_EXITED && si.si_code != CLD_KILLED && si.si_code != CLD_DUMPED)
		return 0;
	waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG);
	*status = si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
	return 1;
}

/* Let the child exec (once the backend has it, or when the backend waits
 * for the program itself, as mixed does for the interpreter). */
static int drive_release(int *gate)
{
	int ok = *gate < 0 || (write(*gate, "x", 1) == 1 && close(*gate) == 0);
	*gate = -1;
	return ok ? 0 : -1;
}

/* add_process, retried for 5 s while the target is not ready or not yet
 * the program we wait for (-EAGAIN, -ENOEXEC before its exec). */
static int drive_add(const struct sampler_ops *ops, struct sampler *s, int pid, int *gate)
{
	uint64_t end = hp_now_ns() + 5000000000ull;
	struct timespec pause = { 0, 2000000 };
	char *why = NULL;
	for (;;) {
		int err = ops->add_process(s, pid, &why);
		if (err == 0)
			return drive_release(gate);
		if ((err != -EAGAIN && err != -ENOEXEC) || hp_now_ns() > end) {
			fprintf(stderr, "native-drive: %s\n", why);
			return -1;
		}
		free(why);
		why = NULL;
		if (drive_release(gate) != 0)
			return -1;
		nanosleep(&pause, NULL);
	}
}

static void drive_report(struct hp_sink *sink)
{
	for (size_t i = 0; i < sink->n; i++)
		printf("%llu\t%s\n", (unsigned long long)sink->stacks[i].count, sink->stacks[i].key);
	for (int i = 0; i < 32 && sink->causes[i]; i++)
		fprintf(stderr, "error %s %llu\n", sink->causes[i], (unsigned long long)sink->counts[i]);
	fprintf(stderr, "samples %llu\n", (unsigned long long)sink->samples);
	if (sink->collects)
		fprintf(stderr, "collect-us %.1f\n", sink->collect_ns / 1e3 / (double)sink->collects);
	for (size_t i = 0; i < sink->n; i++)
		free(sink->stacks[i].key);
	free(sink->stacks);
	for (int i = 0; i < 32; i++)
		free(sink->causes[i]);
}

static void drive_loop(const struct sampler_ops *ops, struct sampler *s, struct hp_sink *sink,
		       int pid, int child, double rate, double duration, int *status)
{
	uint64_t end = duration > 0 ? hp_now_ns() + (uint64_t)(duration * 1e9) : UINT64_MAX;
	struct timespec tick = { 0, (long)(1e9 / rate) };
	char *why = NULL;
	while (hp_now_ns() < end) {
		struct pollfd fds[64];
		int n = ops->pollfds ? ops->pollfds(s, fds, 64) : 0;
		if (n > 0)
			poll(fds, (nfds_t)n, 20);
		else
			nanosleep(&tick, NULL);
		int done = drive_exited(pid, child, status);
		uint64_t t0 = hp_now_ns();
		int ret = ops->collect(s, sink, &why);
		sink->collect_ns += hp_now_ns() - t0;
		sink->collects++;
		if (ret < 0) {
			fprintf(stderr, "native-drive: %s\n", why);
			break;
		}
		if (done)
			break;
	}
}

int main(int argc, char **argv)
{
	const char *backend = "perf";
	struct sampler_opts opts = { .rate_hz = 1000, .call_graph = CALL_GRAPH_DWARF, .inherit = 1 };
	int pid = 0, c, status = 0, gate = -1;
	double duration = 0;
	char *why = NULL;
	while ((c = getopt(argc, argv, "+b:g:F:kwe:p:d:I")) != -1) {
		switch (c) {
		case 'b': backend = optarg; break;
		case 'g': opts.call_graph = strcmp(optarg, "fp") == 0 ? CALL_GRAPH_FP : CALL_GRAPH_DWARF; break;
		case 'F': opts.rate_hz = atof(optarg); break;
		case 'k': opts.kernel = 1; break;
		case 'w': opts.mode = SAMPLER_MODE_WALL; break;
		case 'e': opts.event = optarg; break;
		case 'p': pid = atoi(optarg); break;
		case 'd': duration = atof(optarg); break;
		case 'I': opts.inherit = 0; break;
		default: return 2;
		}
	}
	const struct sampler_ops *ops = drive_backend(backend);
	struct sampler *s;
	struct hp_sink sink = { 0 };
	if (!ops || (!pid && optind >= argc)) {
		fprintf(stderr, "usage: native-drive [-b perf|ptrace|mixed|bpf] [-g fp|dwarf] [-F HZ] [-k] "
			"(-p PID -d SECONDS | COMMAND...)\n");
		return 2;
	}
	opts.native = strcmp(backend, "mixed") == 0;
	if (ops->open(&opts, &s, &why) != 0) {
		fprintf(stderr, "native-drive: %s\n", why);
		return 1;
	}
	int child = !pid;
	if (child)
		pid = drive_spawn(argv + optind, &gate);
	if (drive_add(ops, s, pid, &gate) != 0) {
		if (child)
			kill(pid, SIGKILL);
		return 1;
	}
	fprintf(stderr, "backend %s\n", ops->describe ? ops->describe(s, pid) : backend);
	drive_loop(ops, s, &sink, pid, child, opts.rate_hz, duration, &status);
	ops->remove_process(s, pid);
	ops->close(s);
	drive_report(&sink);
	fprintf(stderr, "status %d\n", status);
	return 0;
}
