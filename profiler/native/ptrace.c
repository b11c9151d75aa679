/* ptrace.c — the ptrace sampler: stop a thread, unwind it, let it go.
 *
 * For where perf_events is denied (perf_event_paranoid, containers, seccomp)
 * or asked for with --backend ptrace.  Timer-driven: each collect() stops
 * every (running) thread with PTRACE_INTERRUPT, unwinds it with
 * libunwind-ptrace and resumes it.  The core (ptrace_core_*) is shared with
 * the mixed backend, which reads the Python frames while the thread is
 * stopped.
 */
#include "config.h"

#include <errno.h>
#include <libunwind-ptrace.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native.h"
#include "ptrace-core.h"
#include "symbols.h"
#include "unwind.h"
#include "util.h"

/* How much of a stopped thread's stack is copied for unwinding. */
enum { PT_STACK_MAX = 256 * 1024 };

struct pt_thread {
	int pid, tid;
	void *upt;     /* libunwind-ptrace handle */
	int gone;
	int stopping;  /* interrupted in this snapshot, to be resumed */
	int state;     /* enum store_sample_state at this snapshot */
	int sig;       /* signal to deliver when resuming */
	long syscall;  /* orig_rax at the stop: >= 0 inside a system call */
	uint64_t cpu_ns; /* CPU time at the last snapshot (0: not read yet) */
};

struct pt_proc {
	int pid;
	int our_child; /* its exit status belongs to us (do not reap it here) */
	unw_addr_space_t as;
};

struct ptrace_core {
	int wall;
	struct symbolizer *sy;
	struct unwinder *uw;
	uint8_t *stack; /* PT_STACK_MAX bytes */
	struct pt_thread *threads;
	size_t nthreads;
	struct pt_proc *procs;
	size_t nprocs;
	uint64_t ips[NATIVE_MAX_FRAMES];
};

struct ptrace_core *ptrace_core_new(const struct sampler_opts *opts, struct symbolizer *sy)
{
	struct ptrace_core *c = xcalloc(1, sizeof(*c));
	c->wall = opts->mode == SAMPLER_MODE_WALL;
	c->sy = sy;
	c->uw = unwinder_new(sy);
	c->stack = xmalloc(PT_STACK_MAX);
	return c;
}

/* The state letter of a thread (R, S, t...) from its stat, or 0. */
static char pt_state(int pid, int tid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	char *rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' ? rp[2] : 0;
}

/* Take a pending stop of tid, never reaping the exit of a process we do not
 * own: 1 stopped (*sig = the signal to deliver on resume), 0 nothing yet,
 * -1 gone. */
static int pt_poll_stop(struct pt_thread *t, int own_exit, int *sig)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	int flags = WSTOPPED | WEXITED | WNOHANG | __WALL | (own_exit ? 0 : WNOWAIT);
	if (waitid(P_PID, (id_t)t->tid, &si, flags) != 0)
		return errno == EINTR ? 0 : -1;
	if (si.si_pid == 0)
		return 0;
	if (si.si_code != CLD_TRAPPED && si.si_code != CLD_STOPPED)
		return -1;
	if (!own_exit) /* consume the stop we peeked at */
		waitid(P_PID, (id_t)t->tid, &si, WSTOPPED | __WALL | WNOHANG);
	int event = si.si_status >> 8, signo = si.si_status & 0xff;
	/* a signal-delivery stop passes its signal on; event and group stops none */
	*sig = event == 0 && signo != SIGTRAP ? signo : 0;
	return 1;
}

/* Wait for the stop an interrupt asked for: 1 stopped, 0 gone.  Blocks in
 * waitid: polling with pauses doubled the time threads stay stopped.  (So
 * whoever else waits for the target, like the session reaping the command,
 * must peek with WNOWAIT and leave ptrace stops to us.) */
static int pt_wait_stop(struct pt_thread *t, int own_exit, int *sig)
{
	siginfo_t si;
	for (;;) {
		memset(&si, 0, sizeof(si));
		int flags = WSTOPPED | WEXITED | __WALL | WNOWAIT;
		if (waitid(P_PID, (id_t)t->tid, &si, flags) != 0 && errno != EINTR) {
			t->gone = 1;
			return 0;
		}
		int r = pt_poll_stop(t, own_exit, sig); /* take what the peek saw */
		if (r != 0)
			return r > 0 ? 1 : (t->gone = 1, 0);
	}
}

static struct pt_proc *pt_proc_find(struct ptrace_core *c, int pid)
{
	for (size_t i = 0; i < c->nprocs; i++)
		if (c->procs[i].pid == pid)
			return &c->procs[i];
	return NULL;
}

/* May we reap tid's exit?  Yes unless it is the leader of our own child. */
static int pt_own_exit(struct ptrace_core *c, const struct pt_thread *t)
{
	struct pt_proc *p = pt_proc_find(c, t->pid);
	return !(p && p->our_child && t->tid == t->pid);
}

static int pt_seize(struct ptrace_core *c, int pid, int tid)
{
	for (size_t i = 0; i < c->nthreads; i++)
		if (c->threads[i].tid == tid && !c->threads[i].gone)
			return 0;
	if (ptrace(PTRACE_SEIZE, tid, 0, 0) != 0)
		return -errno;
	c->threads = xreallocarray(c->threads, c->nthreads + 1, sizeof(*c->threads));
	struct pt_thread *t = &c->threads[c->nthreads++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->tid = tid;
	t->upt = _UPT_create(tid);
	return 0;
}

/* Seize the threads of pid not traced yet (threads start at any time). */
static int pt_scan(struct ptrace_core *c, int pid)
{
	int n, seized = 0, err = 0;
	int *tids = native_tasks(pid, &n);
	for (int i = 0; i < n; i++) {
		int e = pt_seize(c, pid, tids[i]);
		if (e == 0)
			seized++;
		else if (e != -ESRCH)
			err = e;
	}
	free(tids);
	return seized ? 0 : err ? err : -ESRCH;
}

int ptrace_core_add_process(struct ptrace_core *c, int pid, char **why)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	char *stat = hp_read_file(path, NULL);
	if (!stat)
		return hp_fail(why, -ESRCH, "no process %d", pid);
	char *rp = strrchr(stat, ')');
	int ppid = 0;
	if (rp)
		sscanf(rp + 2, "%*c %d", &ppid);
	free(stat);
	int err = pt_scan(c, pid);
	if (err == -EPERM || err == -EACCES)
		return hp_fail(why, -EPERM, "ptrace of process %d not permitted: run as its user or "
			       "root, or lower /proc/sys/kernel/yama/ptrace_scope", pid);
	if (err)
		return hp_fail(why, err, "ptrace of process %d: %s", pid, strerror(-err));
	symbolizer_add_process(c->sy, pid, 0);
	c->procs = xreallocarray(c->procs, c->nprocs + 1, sizeof(*c->procs));
	struct pt_proc *p = &c->procs[c->nprocs++];
	p->pid = pid;
	p->our_child = ppid == getpid();
	p->as = unw_create_addr_space(&_UPT_accessors, 0);
	unw_set_caching_policy(p->as, UNW_CACHE_GLOBAL);
	return 0;
}

static void pt_thread_drop(struct pt_thread *t)
{
	if (t->upt)
		_UPT_destroy(t->upt);
	t->upt = NULL;
	t->gone = 1;
}

void ptrace_core_remove_process(struct ptrace_core *c, int pid)
{
	for (size_t i = 0; i < c->nthreads; i++) {
		struct pt_thread *t = &c->threads[i];
		int sig = 0;
		if (t->pid != pid || t->gone)
			continue;
		if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) == 0 && pt_wait_stop(t, pt_own_exit(c, t), &sig))
			ptrace(PTRACE_DETACH, t->tid, 0, (void *)(long)sig);
		pt_thread_drop(t);
	}
	for (size_t i = 0; i < c->nprocs; i++)
		if (c->procs[i].pid == pid) {
			unw_destroy_addr_space(c->procs[i].as);
			c->procs[i] = c->procs[--c->nprocs];
			break;
		}
}

/* Did the thread run since the last snapshot?  Its CPU time (schedstat, in
 * ns) moved: a thread that is runnable but waiting for a CPU on a busy
 * machine is not "on CPU" and gets no sample.  Without schedstat: state R. */
static int pt_running(struct pt_thread *t)
{
	char path[64];
	unsigned long long ns;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", t->pid, t->tid);
	FILE *f = fopen(path, "re");
	if (f) {
		int ok = fscanf(f, "%llu", &ns) == 1;
		fclose(f);
		if (ok) {
			int ran = t->cpu_ns && ns > t->cpu_ns;
			int first = !t->cpu_ns;
			t->cpu_ns = ns ? ns : 1;
			if (!first)
				return ran;
		}
	}
	return pt_state(t->pid, t->tid) == 'R';
}

/* Registers and a copy of the stack of the stopped thread, unwound with the
 * cached tables (the fast way: libunwind-ptrace re-reads maps and ELF files
 * for every module change, which kept threads stopped for milliseconds). */
static int pt_unwind_copy(struct ptrace_core *c, struct pt_thread *t, uint64_t *ips, int max)
{
	struct user_regs_struct ur;
	if (ptrace(PTRACE_GETREGS, t->tid, 0, &ur) != 0)
		return 0;
	/* Stopped on the way out of the kernel: orig_rax holds the system
	 * call it was in, or a negative value when an interrupt brought it. */
	t->syscall = (long)ur.orig_rax >= 0 ? (long)ur.orig_rax : -1;
	uint64_t regs[UNWIND_NREGS] = { ur.rax, ur.rbx, ur.rcx, ur.rdx, ur.rsi, ur.rdi, ur.rbp,
					ur.rsp, ur.rip, ur.r8, ur.r9, ur.r10, ur.r11, ur.r12,
					ur.r13, ur.r14, ur.r15 };
	uint64_t end = symbolizer_map_end(c->sy, t->pid, ur.rsp);
	size_t len = end > ur.rsp && end - ur.rsp < PT_STACK_MAX ? end - ur.rsp : PT_STACK_MAX;
	struct iovec local = { c->stack, len }, remote = { (void *)(uintptr_t)ur.rsp, len };
	ssize_t got = process_vm_readv(t->pid, &local, 1, &remote, 1, 0);
	return unwinder_unwind(c->uw, t->pid, regs, c->stack, got > 0 ? (size_t)got : 0, ips, max);
}

/* The slow way, for stacks our tables cannot unwind. */
static int pt_unwind_upt(struct pt_proc *p, struct pt_thread *t, uint64_t *ips, int max)
{
	unw_cursor_t cur;
	int n = 0;
	if (!t->upt || unw_init_remote(&cur, p->as, t->upt) != 0)
		return 0;
	do {
		unw_word_t ip;
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) != 0 || ip == 0)
			break;
		ips[n++] = ip;
	} while (n < max && unw_step(&cur) > 0);
	return n;
}

/* Wait for the stop an interrupt asked for; 0 when the thread is gone. */
static int pt_stopped(struct ptrace_core *c, struct pt_thread *t)
{
	if (!pt_wait_stop(t, pt_own_exit(c, t), &t->sig)) {
		pt_thread_drop(t);
		return 0;
	}
	return 1;
}

/* Unwind a stopped thread and hand its stack to fn. */
static void pt_sample(struct ptrace_core *c, struct pt_thread *t, ptrace_core_fn fn, void *arg)
{
	struct pt_proc *p = pt_proc_find(c, t->pid);
	t->syscall = -1;
	int n = pt_unwind_copy(c, t, c->ips, NATIVE_MAX_FRAMES);
	if (n <= 1 && p)
		n = pt_unwind_upt(p, t, c->ips, NATIVE_MAX_FRAMES);
	struct ptrace_stop st = { t->pid, t->tid, t->state, c->ips, n, t->syscall };
	fn(arg, &st);
}

/* Resume threads caught in stops we did not ask for (signals, late interrupts). */
static void pt_drain(struct ptrace_core *c)
{
	for (size_t i = 0; i < c->nthreads; i++) {
		struct pt_thread *t = &c->threads[i];
		int sig = 0, r;
		if (t->gone)
			continue;
		r = pt_poll_stop(t, pt_own_exit(c, t), &sig);
		if (r < 0)
			pt_thread_drop(t);
		else if (r > 0)
			ptrace(PTRACE_CONT, t->tid, 0, (void *)(long)sig);
	}
}

/* Forget threads that are gone (keeps the array short in long runs). */
static void pt_compact(struct ptrace_core *c)
{
	size_t j = 0;
	for (size_t i = 0; i < c->nthreads; i++) {
		if (c->threads[i].gone) {
			pt_thread_drop(&c->threads[i]);
			continue;
		}
		c->threads[j++] = c->threads[i];
	}
	c->nthreads = j;
}

/* All wanted threads are stopped together and resumed together, so each is
 * held for the same time and none runs ahead while another is examined. */
void ptrace_core_snapshot(struct ptrace_core *c, ptrace_core_fn fn, void *arg)
{
	pt_drain(c);
	for (size_t i = 0; i < c->nprocs; i++)
		pt_scan(c, c->procs[i].pid);
	for (size_t i = 0; i < c->nthreads; i++) {
		struct pt_thread *t = &c->threads[i];
		t->stopping = 0;
		if (t->gone)
			continue;
		int running = pt_running(t);
		if (!running && !c->wall)
			continue;
		t->state = running ? SAMPLE_ONCPU : SAMPLE_IDLE;
		if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) == 0)
			t->stopping = 1;
		else
			pt_thread_drop(t);
	}
	for (size_t i = 0; i < c->nthreads; i++)
		if (c->threads[i].stopping && !pt_stopped(c, &c->threads[i]))
			c->threads[i].stopping = 0;
	for (size_t i = 0; i < c->nthreads; i++)
		if (c->threads[i].stopping)
			pt_sample(c, &c->threads[i], fn, arg);
	for (size_t i = 0; i < c->nthreads; i++) {
		struct pt_thread *t = &c->threads[i];
		if (t->stopping && ptrace(PTRACE_CONT, t->tid, 0, (void *)(long)t->sig) != 0)
			pt_thread_drop(t);
	}
	pt_compact(c);
}

void ptrace_core_free(struct ptrace_core *c)
{
	if (!c)
		return;
	while (c->nprocs)
		ptrace_core_remove_process(c, c->procs[0].pid);
	for (size_t i = 0; i < c->nthreads; i++)
		pt_thread_drop(&c->threads[i]);
	unwinder_free(c->uw);
	free(c->stack);
	free(c->threads);
	free(c->procs);
	free(c);
}

void ptrace_syscall_frame(long nr, struct hp_frame *out)
{
	/* The x86-64 numbers of the calls a profiled program usually waits in. */
	static const struct {
		long nr;
		const char *name;
	} calls[] = {
		{ 0, "__x64_sys_read" }, { 1, "__x64_sys_write" }, { 7, "__x64_sys_poll" },
		{ 9, "__x64_sys_mmap" }, { 11, "__x64_sys_munmap" }, { 17, "__x64_sys_pread64" },
		{ 18, "__x64_sys_pwrite64" }, { 19, "__x64_sys_readv" }, { 20, "__x64_sys_writev" },
		{ 23, "__x64_sys_select" }, { 35, "__x64_sys_nanosleep" }, { 44, "__x64_sys_sendto" },
		{ 45, "__x64_sys_recvfrom" }, { 61, "__x64_sys_wait4" }, { 202, "__x64_sys_futex" },
		{ 230, "__x64_sys_clock_nanosleep" }, { 232, "__x64_sys_epoll_wait" },
		{ 257, "__x64_sys_openat" }, { 270, "__x64_sys_pselect6" }, { 271, "__x64_sys_ppoll" },
		{ 281, "__x64_sys_epoll_pwait" },
	};
	static char other[] = "[syscall]", empty[] = "", module[] = "[kernel.kallsyms]";
	memset(out, 0, sizeof(*out));
	out->kind = FRAME_KERNEL;
	out->function = other;
	for (size_t i = 0; i < HP_ARRAY_SIZE(calls); i++)
		if (calls[i].nr == nr)
			out->function = calls[i].name;
	out->file = empty;
	out->module = module;
}

/* ---- the ptrace sampler: the core plus symbols ---- */

struct sampler {
	int kernel; /* --kernel: name the system call a thread is stopped in */
	struct ptrace_core *core;
	struct symbolizer *sy;
	struct native_comms *comms;
	struct hp_sink *sink;
	struct hp_frame frames[NATIVE_MAX_FRAMES];
};

static int ptrace_open(const struct sampler_opts *opts, struct sampler **out, char **why)
{
	struct sampler *s = xcalloc(1, sizeof(*s));
	s->kernel = opts->kernel;
	s->sy = symbolizer_new();
	s->core = ptrace_core_new(opts, s->sy);
	s->comms = native_comms_new();
	*out = s;
	return 0;
}

static int ptrace_add_process(struct sampler *s, int pid, char **why)
{
	return ptrace_core_add_process(s->core, pid, why);
}

static void ptrace_remove_process(struct sampler *s, int pid)
{
	ptrace_core_remove_process(s->core, pid);
}

/* One stopped thread's stack: symbolize and hand it to the sink. */
static void ptrace_stack(void *arg, const struct ptrace_stop *st)
{
	struct sampler *s = arg;
	struct hp_sample smp = { .pid = st->pid, .tid = st->tid, .state = st->state, .weight = 1 };
	int len = 0;
	if (st->n == 0) {
		hp_sink_error(s->sink, "unwind-failed", 1);
		return;
	}
	if (s->kernel && st->syscall >= 0)
		ptrace_syscall_frame(st->syscall, &s->frames[len++]);
	native_user_frames(s->sy, st->pid, st->ips, st->n, s->frames, &len, NATIVE_MAX_FRAMES);
	smp.thread_name = native_comms_get(s->comms, st->pid, st->tid);
	smp.nframes = len;
	smp.frames = s->frames;
	smp.t_ns = hp_now_ns();
	hp_sink_add(s->sink, &smp);
}

static int ptrace_collect(struct sampler *s, struct hp_sink *sink, char **why)
{
	s->sink = sink;
	ptrace_core_snapshot(s->core, ptrace_stack, s);
	return 0;
}

static const char *ptrace_describe(struct sampler *s, int pid)
{
	return "ptrace + libunwind";
}

static void ptrace_close(struct sampler *s)
{
	if (!s)
		return;
	ptrace_core_free(s->core);
	symbolizer_free(s->sy);
	native_comms_free(s->comms);
	free(s);
}

const struct sampler_ops ptrace_sampler_ops = {
	.name = "ptrace",
	.open = ptrace_open,
	.add_process = ptrace_add_process,
	.remove_process = ptrace_remove_process,
	.collect = ptrace_collect,
	.pollfds = NULL,
	.describe = ptrace_describe,
	.close = ptrace_close,
};
