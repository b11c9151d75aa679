/* perf.c — the perf_events sampler: kernel-timed samples of native stacks.
 *
 * One event per (thread, CPU) of the target with `inherit`, so new threads
 * and children are followed by the kernel; every event of a CPU writes into
 * that CPU's one ring buffer (PERF_EVENT_IOC_SET_OUTPUT), which the session
 * polls.  Stacks come either from the kernel's frame-pointer walk
 * (PERF_SAMPLE_CALLCHAIN) or from a copy of the user stack and registers
 * unwound here with libunwind (unwind.c).
 */
#include "config.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "native.h"
#include "symbols.h"
#include "unwind.h"
#include "util.h"

enum { PERF_STACK_DUMP = 16384 };

struct perf_ring {
	int fd;          /* the event whose buffer this is; -1: none yet */
	void *base;
	size_t map_len;
	size_t data_len;
};

struct perf_ev {
	int fd, pid;
};

struct perf_pending;

struct perf_pid {
	int pid;
	int removed;
};

struct sampler {
	struct sampler_opts opts;
	struct perf_event_attr attr;
	const char *event_name;
	char *description;
	int ncpu;
	struct perf_ring *rings;
	struct perf_ev *evs;
	size_t nevs, evcap;
	struct perf_pid *pids;
	size_t npids;
	struct symbolizer *sy;
	struct unwinder *uw;
	struct native_comms *comms;
	struct hp_frame frames[NATIVE_MAX_FRAMES];
	uint64_t ips[NATIVE_MAX_FRAMES];
	struct perf_pending *pending;
	size_t pending_cap;
};

struct perf_event_name {
	const char *name;
	uint32_t type;
	uint64_t config;
};

static const struct perf_event_name perf_events[] = {
	{ "cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK },
	{ "task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
	{ "page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS },
	{ "context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES },
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
	{ "cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES },
	{ "branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES },
};

int native_perf_open(struct perf_event_attr *attr, int pid, int cpu)
{
	const char *no = getenv("HPROF_NO_PERF");
	if (no && *no && strcmp(no, "0") != 0) {
		errno = EACCES;
		return -1;
	}
	return (int)syscall(SYS_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

static void perf_attr_init(struct sampler *s, const struct perf_event_name *ev)
{
	struct perf_event_attr *a = &s->attr;
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = ev->type;
	a->config = ev->config;
	a->freq = 1;
	a->sample_freq = (uint64_t)(s->opts.rate_hz > 0 ? s->opts.rate_hz : 1000);
	a->sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME;
	if (s->opts.call_graph == CALL_GRAPH_FP || s->opts.kernel)
		a->sample_type |= PERF_SAMPLE_CALLCHAIN;
	if (s->opts.call_graph == CALL_GRAPH_DWARF) {
		a->sample_type |= PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER;
		a->sample_regs_user = UNWIND_PERF_REGS_MASK;
		a->sample_stack_user = PERF_STACK_DUMP;
		a->exclude_callchain_user = 1;
	}
	a->exclude_kernel = !s->opts.kernel;
	a->exclude_hv = 1;
	a->inherit = 1;
	a->comm = 1;
	a->task = 1;
	a->mmap = 1;
	a->mmap2 = 1;
	a->watermark = 1;
	a->sample_id_all = 1; /* times on every record: rings are merged in time order */
	s->event_name = ev->name;
}

static const struct perf_event_name *perf_event_find(const char *name)
{
	for (size_t i = 0; i < HP_ARRAY_SIZE(perf_events); i++)
		if (strcmp(perf_events[i].name, name) == 0)
			return &perf_events[i];
	return NULL;
}

int native_perf_event(const char *name, uint32_t *type, uint64_t *config)
{
	const struct perf_event_name *ev = perf_event_find(name);
	if (!ev)
		return -ENOENT;
	*type = ev->type;
	*config = ev->config;
	return 0;
}

/* Can we open this event on ourselves?  0 or -errno. */
static int perf_probe(struct sampler *s)
{
	int fd = native_perf_open(&s->attr, 0, -1);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int native_wall_unsupported(const char *backend, char **why)
{
	return hp_fail(why, -ENOTSUP, "the %s backend samples threads while they run on a CPU: "
		       "--mode wall needs --backend ptrace", backend);
}

int native_perf_denied(int err, char **why)
{
	char *p = hp_read_file("/proc/sys/kernel/perf_event_paranoid", NULL);
	int level = p ? atoi(p) : -1;
	free(p);
	return hp_fail(why, -EACCES,
		       "perf_event_open denied (%s, perf_event_paranoid=%d): run as root, "
		       "lower /proc/sys/kernel/perf_event_paranoid, or use --backend ptrace",
		       strerror(err), level);
}

/* EINVAL most often means the rate is above the kernel's limit, which
 * `hpbench system tune` (like pyperf) lowers to 1 Hz. */
static int perf_rate_too_high(double rate, char **why)
{
	char *p = hp_read_file("/proc/sys/kernel/perf_event_max_sample_rate", NULL);
	long max = p ? atol(p) : 0;
	free(p);
	if (max > 0 && rate > (double)max)
		return hp_fail(why, -EINVAL, "--rate %.0f Hz is above the kernel's limit "
			       "kernel.perf_event_max_sample_rate=%ld (lowered by 'hpbench system tune'?): "
			       "run 'hpbench system reset' as root, or pass --rate %ld or less", rate, max, max);
	return hp_fail(why, -EINVAL, "perf_event_open: %s", strerror(EINVAL));
}

/* Pick the event (--event, else cycles where a PMU exists, else cpu-clock)
 * and check that the kernel lets us use it. */
static int perf_choose_event(struct sampler *s, char **why)
{
	const struct perf_event_name *ev;
	int err;
	if (s->opts.event) {
		if (!(ev = perf_event_find(s->opts.event)))
			return hp_fail(why, -EINVAL, "unknown event '%s': use cpu-clock, task-clock, "
				       "page-faults, context-switches, cycles, instructions, "
				       "cache-misses or branch-misses", s->opts.event);
		perf_attr_init(s, ev);
		err = perf_probe(s);
		if (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV)
			return hp_fail(why, -EINVAL, "event '%s' is not supported here (no "
				       "hardware PMU?): use --event cpu-clock", ev->name);
	} else {
		perf_attr_init(s, perf_event_find("cycles"));
		err = perf_probe(s);
		if (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV) {
			perf_attr_init(s, perf_event_find("cpu-clock"));
			err = perf_probe(s);
		}
	}
	if (err == -EACCES || err == -EPERM)
		return native_perf_denied(-err, why);
	if (err == -EINVAL && s->opts.kernel) /* kernel frames not allowed: user only */
		return hp_fail(why, -EACCES, "kernel samples not allowed: drop --kernel or run as root");
	if (err == -EINVAL)
		return perf_rate_too_high(s->opts.rate_hz, why);
	if (err)
		return hp_fail(why, err, "perf_event_open: %s", strerror(-err));
	return 0;
}

static void perf_close(struct sampler *s);

static int perf_sampler_open(const struct sampler_opts *opts, struct sampler **out, char **why)
{
	if (opts->mode == SAMPLER_MODE_WALL)
		return native_wall_unsupported("perf", why);
	struct sampler *s = xcalloc(1, sizeof(*s));
	s->opts = *opts;
	int err = perf_choose_event(s, why);
	if (err) {
		free(s);
		return err;
	}
	long n = sysconf(_SC_NPROCESSORS_CONF);
	s->ncpu = n > 0 ? (int)n : 1;
	s->rings = xcalloc((size_t)s->ncpu, sizeof(*s->rings));
	for (int i = 0; i < s->ncpu; i++)
		s->rings[i].fd = -1;
	s->sy = symbolizer_new();
	s->uw = unwinder_new(s->sy);
	s->comms = native_comms_new();
	s->description = xasprintf("perf_events %s, %s call graph%s", s->event_name,
				   opts->call_graph == CALL_GRAPH_FP ? "fp" : "dwarf",
				   opts->kernel ? ", kernel frames" : "");
	*out = s;
	return 0;
}

/* Ring pages: HPROF_PERF_PAGES (a power of two) when set, so tests can make
 * the kernel drop records, else 4 MiB for dwarf samples, 512 KiB for fp. */
static size_t perf_ring_pages(const struct sampler *s)
{
	const char *env = getenv("HPROF_PERF_PAGES");
	long n = env ? atol(env) : 0;
	if (n >= 1 && n <= 65536 && (n & (n - 1)) == 0)
		return (size_t)n;
	return s->opts.call_graph == CALL_GRAPH_DWARF ? 1024 : 128;
}

/* Map a ring buffer on fd: as large as allowed, halving down to one page. */
static int perf_ring_map(struct sampler *s, struct perf_ring *r, int fd)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	for (size_t pages = perf_ring_pages(s); pages >= 1; pages /= 2) {
		void *p = mmap(NULL, (pages + 1) * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			continue;
		r->fd = fd;
		r->base = p;
		r->map_len = (pages + 1) * page;
		r->data_len = pages * page;
		return 0;
	}
	return -errno;
}

static void perf_ev_push(struct sampler *s, int fd, int pid)
{
	if (s->nevs == s->evcap) {
		s->evcap = s->evcap ? s->evcap * 2 : 64;
		s->evs = xreallocarray(s->evs, s->evcap, sizeof(*s->evs));
	}
	s->evs[s->nevs].fd = fd;
	s->evs[s->nevs++].pid = pid;
}

/* One event for thread tid on cpu, writing into that CPU's ring. */
static int perf_open_thread_cpu(struct sampler *s, int pid, int tid, int cpu)
{
	struct perf_ring *r = &s->rings[cpu];
	s->attr.wakeup_watermark = s->opts.call_graph == CALL_GRAPH_DWARF ? 1u << 20 : 1u << 16;
	int fd = native_perf_open(&s->attr, tid, cpu);
	if (fd < 0)
		return -errno;
	if (r->fd < 0) {
		int err = perf_ring_map(s, r, fd);
		if (err) {
			close(fd);
			return err;
		}
	} else if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, r->fd) != 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	perf_ev_push(s, fd, pid);
	return 0;
}

static void perf_pid_add(struct sampler *s, int pid)
{
	s->pids = xreallocarray(s->pids, s->npids + 1, sizeof(*s->pids));
	s->pids[s->npids].pid = pid;
	s->pids[s->npids++].removed = 0;
}

int native_perf_each_thread(int pid, int ncpu, native_perf_open_fn open_one, void *arg,
			    char **why)
{
	int ntids, opened = 0, err = 0;
	int *tids = native_tasks(pid, &ntids);
	for (int i = 0; i < ntids; i++)
		for (int cpu = 0; cpu < ncpu; cpu++) {
			int e = open_one(arg, pid, tids[i], cpu);
			if (e == 0)
				opened++;
			else if (e != -ESRCH && e != -ENODEV) /* thread gone, CPU offline */
				err = e;
		}
	free(tids);
	if (opened)
		return 0;
	if (err == -EACCES || err == -EPERM)
		return native_perf_denied(-err, why);
	return hp_fail(why, err ? err : -ESRCH, "cannot sample process %d: %s", pid,
		       strerror(err ? -err : ESRCH));
}

static int perf_open_one(void *arg, int pid, int tid, int cpu)
{
	return perf_open_thread_cpu(arg, pid, tid, cpu);
}

static int perf_add_process(struct sampler *s, int pid, char **why)
{
	if (symbolizer_add_process(s->sy, pid, 0) != 0)
		return hp_fail(why, -ESRCH, "no process %d", pid);
	int err = native_perf_each_thread(pid, s->ncpu, perf_open_one, s, why);
	if (err == 0)
		perf_pid_add(s, pid);
	return err;
}

static void perf_remove_process(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->nevs; i++) {
		if (s->evs[i].pid != pid || s->evs[i].fd < 0)
			continue;
		ioctl(s->evs[i].fd, PERF_EVENT_IOC_DISABLE, 0);
		int owner = 0;
		for (int c = 0; c < s->ncpu; c++)
			owner |= s->rings[c].fd == s->evs[i].fd;
		if (!owner) {
			close(s->evs[i].fd);
			s->evs[i].fd = -1;
		}
	}
	for (size_t i = 0; i < s->npids; i++)
		if (s->pids[i].pid == pid)
			s->pids[i].removed = 1;
}

/* Should samples of pid be kept?  Children count only with inherit. */
static int perf_wanted(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->npids; i++)
		if (s->pids[i].pid == pid)
			return !s->pids[i].removed;
	return s->opts.inherit;
}

/* A cursor over one sample record's fields. */
struct rec {
	const uint8_t *p, *end;
};

static uint64_t rec_u64(struct rec *r)
{
	uint64_t v = 0;
	if (r->p + 8 <= r->end)
		memcpy(&v, r->p, 8);
	r->p += 8;
	return v;
}

/* Frames of a callchain (kernel part, and the user part unless skip_user). */
static void perf_callchain_frames(struct sampler *s, int pid, const uint64_t *chain, uint64_t nr,
				  int skip_user, int *len)
{
	uint64_t ctx = PERF_CONTEXT_USER;
	int first = 1, nuser = 0;
	for (uint64_t i = 0; i < nr && *len < NATIVE_MAX_FRAMES; i++) {
		uint64_t ip = chain[i];
		if (ip >= PERF_CONTEXT_MAX) {
			ctx = ip;
			first = 1;
			continue;
		}
		if (ctx == PERF_CONTEXT_KERNEL && s->opts.kernel) {
			symbolizer_kernel(s->sy, ip, &s->frames[(*len)++]);
		} else if (ctx == PERF_CONTEXT_USER && !skip_user && nuser < NATIVE_MAX_FRAMES) {
			if (first)
				nuser = 0;
			s->ips[nuser++] = ip;
		}
		first = 0;
	}
	if (nuser)
		native_user_frames(s->sy, pid, s->ips, nuser, s->frames, len, NATIVE_MAX_FRAMES);
}

static void perf_ensure_proc(struct sampler *s, int pid)
{
	if (!symbolizer_has_process(s->sy, pid))
		symbolizer_add_process(s->sy, pid, 0);
}

/* The rest of a dwarf sample: kernel frames from the chain, then the copied
 * user stack unwound.  -1 when the record is cut short. */
static int perf_sample_dwarf(struct sampler *s, struct rec *r, int pid, const uint64_t *chain,
			     uint64_t nr, int *n)
{
	uint64_t regs[UNWIND_NREGS];
	uint64_t abi = rec_u64(r);
	for (int i = 0; i < UNWIND_NREGS; i++)
		regs[i] = abi ? rec_u64(r) : 0;
	uint64_t size = rec_u64(r);
	const uint8_t *stack = r->p;
	r->p += size;
	uint64_t dyn = size ? rec_u64(r) : 0;
	if (r->p > r->end || dyn > size)
		return -1;
	if (chain)
		perf_callchain_frames(s, pid, chain, nr, 1, n);
	if (abi) {
		int ni = unwinder_unwind(s->uw, pid, regs, stack, dyn, s->ips, NATIVE_MAX_FRAMES);
		native_user_frames(s->sy, pid, s->ips, ni, s->frames, n, NATIVE_MAX_FRAMES);
	}
	return 0;
}

/* Decode one PERF_RECORD_SAMPLE and hand the stack to the sink. */
static void perf_sample(struct sampler *s, const uint8_t *body, size_t len, struct hp_sink *sink)
{
	struct rec r = { body, body + len };
	const uint64_t *chain = NULL;
	struct hp_sample smp = { .state = SAMPLE_ONCPU, .weight = 1 };
	uint64_t nr = 0, ip = rec_u64(&r), pt = rec_u64(&r);
	int n = 0;
	smp.pid = (int)(uint32_t)pt;
	smp.tid = (int)(uint32_t)(pt >> 32);
	rec_u64(&r); /* time: ours is monotonic */
	if (!perf_wanted(s, smp.pid))
		return;
	if (s->attr.sample_type & PERF_SAMPLE_CALLCHAIN) {
		nr = rec_u64(&r);
		chain = (const uint64_t *)r.p;
		r.p += nr * 8;
	}
	perf_ensure_proc(s, smp.pid);
	if (r.p > r.end || ((s->attr.sample_type & PERF_SAMPLE_REGS_USER) &&
			    perf_sample_dwarf(s, &r, smp.pid, chain, nr, &n) != 0)) {
		hp_sink_error(sink, "truncated-record", 1);
		return;
	}
	if (chain && !(s->attr.sample_type & PERF_SAMPLE_REGS_USER))
		perf_callchain_frames(s, smp.pid, chain, nr, 0, &n);
	if (n == 0 && symbolizer_is_kernel(ip)) /* no chain at all: the sampled IP alone */
		symbolizer_kernel(s->sy, ip, &s->frames[n++]);
	else if (n == 0)
		n = symbolizer_user(s->sy, smp.pid, ip, 0, s->frames, NATIVE_MAX_FRAMES);
	smp.thread_name = native_comms_get(s->comms, smp.pid, smp.tid);
	smp.nframes = n;
	smp.frames = s->frames;
	smp.t_ns = hp_now_ns();
	hp_sink_add(sink, &smp);
}

/* Non-sample records: lost counts, names, new processes, exec, mmaps. */
static void perf_record(struct sampler *s, const struct perf_event_header *h, struct hp_sink *sink)
{
	const uint8_t *body = (const uint8_t *)(h + 1);
	uint32_t pid, ppid, tid, prot;
	uint64_t addr, len, pgoff, ino, lost;
	memcpy(&pid, body, 4);
	memcpy(&tid, body + 4, 4);
	switch (h->type) {
	case PERF_RECORD_SAMPLE:
		perf_sample(s, body, h->size - sizeof(*h), sink);
		break;
	case PERF_RECORD_LOST:
		memcpy(&lost, body + 8, 8);
		hp_sink_error(sink, "lost", lost);
		break;
	case PERF_RECORD_COMM:
		native_comms_set(s->comms, (int)tid, (const char *)(body + 8));
		if (h->misc & PERF_RECORD_MISC_COMM_EXEC) {
			unwinder_forget(s->uw, (int)pid);
			symbolizer_exec(s->sy, (int)pid);
		}
		break;
	case PERF_RECORD_FORK:
		memcpy(&ppid, body + 4, 4);
		if (pid != ppid) { /* a new process, not a thread */
			unwinder_forget(s->uw, (int)pid);
			symbolizer_fork(s->sy, (int)pid, (int)ppid);
		}
		break;
	case PERF_RECORD_MMAP2:
		memcpy(&addr, body + 8, 8);
		memcpy(&len, body + 16, 8);
		memcpy(&pgoff, body + 24, 8);
		memcpy(&ino, body + 40, 8);
		memcpy(&prot, body + 56, 4);
		if (body[64] == '/')
			symbolizer_add_map(s->sy, (int)pid, addr, len, pgoff, ino, (const char *)(body + 64));
		break;
	default:
		break;
	}
}

/* A record waiting to be handled in time order. */
struct perf_pending {
	uint64_t time;
	size_t seq;
	const struct perf_event_header *h;
	uint8_t *copy; /* the record wrapped around the ring's end: our copy */
};

/* The record's time: in the body of samples, in the trailing sample_id of others. */
static uint64_t perf_record_time(const struct perf_event_header *h)
{
	uint64_t t = 0;
	const uint8_t *p = (const uint8_t *)h;
	if (h->type == PERF_RECORD_SAMPLE && h->size >= sizeof(*h) + 24)
		memcpy(&t, p + sizeof(*h) + 16, 8);
	else if (h->size >= sizeof(*h) + 16)
		memcpy(&t, p + h->size - 8, 8);
	return t;
}

static int perf_pending_cmp(const void *a, const void *b)
{
	const struct perf_pending *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* List one ring's records (up to the head seen now); returns the new tail. */
static uint64_t perf_ring_gather(struct sampler *s, struct perf_ring *r, struct perf_pending **pend,
				 size_t *n, size_t *cap)
{
	struct perf_event_mmap_page *pg = r->base;
	uint8_t *data = (uint8_t *)r->base + (r->map_len - r->data_len);
	uint64_t head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = pg->data_tail;
	while (tail + sizeof(struct perf_event_header) <= head) {
		size_t off = tail % r->data_len;
		struct perf_event_header hh;
		uint8_t *copy = NULL;
		for (size_t i = 0; i < sizeof(hh); i++) /* the header itself may wrap */
			((uint8_t *)&hh)[i] = data[(off + i) % r->data_len];
		if (hh.size < sizeof(hh) || tail + hh.size > head)
			break;
		const struct perf_event_header *h = (const void *)(data + off);
		if (off + hh.size > r->data_len) {
			size_t a = r->data_len - off;
			copy = xmalloc(hh.size);
			memcpy(copy, data + off, a);
			memcpy(copy + a, data, hh.size - a);
			h = (const void *)copy;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*pend = xreallocarray(*pend, *cap, sizeof(**pend));
		}
		(*pend)[*n] = (struct perf_pending){ perf_record_time(h), *n, h, copy };
		(*n)++;
		tail += hh.size;
	}
	return tail;
}

/* Handle what every ring holds, merged in time order: an exec or a fork on
 * one CPU must be seen before the samples that follow it on another. */
static int perf_collect(struct sampler *s, struct hp_sink *sink, char **why)
{
	size_t n = 0;
	uint64_t *tails = xcalloc((size_t)s->ncpu, sizeof(*tails));
	for (int c = 0; c < s->ncpu; c++)
		if (s->rings[c].fd >= 0)
			tails[c] = perf_ring_gather(s, &s->rings[c], &s->pending, &n, &s->pending_cap);
	if (n > 1)
		qsort(s->pending, n, sizeof(*s->pending), perf_pending_cmp);
	for (size_t i = 0; i < n; i++) {
		perf_record(s, s->pending[i].h, sink);
		free(s->pending[i].copy);
	}
	for (int c = 0; c < s->ncpu; c++)
		if (s->rings[c].fd >= 0) {
			struct perf_event_mmap_page *pg = s->rings[c].base;
			__atomic_store_n(&pg->data_tail, tails[c], __ATOMIC_RELEASE);
		}
	free(tails);
	return 0;
}

static int perf_pollfds(struct sampler *s, struct pollfd *fds, int max)
{
	int n = 0;
	for (int c = 0; c < s->ncpu && n < max; c++)
		if (s->rings[c].fd >= 0) {
			fds[n].fd = s->rings[c].fd;
			fds[n].events = POLLIN;
			fds[n++].revents = 0;
		}
	return n;
}

static const char *perf_describe(struct sampler *s, int pid)
{
	return s->description;
}

static void perf_close(struct sampler *s)
{
	if (!s)
		return;
	for (int c = 0; c < s->ncpu; c++)
		if (s->rings[c].base)
			munmap(s->rings[c].base, s->rings[c].map_len);
	for (size_t i = 0; i < s->nevs; i++)
		if (s->evs[i].fd >= 0)
			close(s->evs[i].fd);
	unwinder_free(s->uw);
	symbolizer_free(s->sy);
	native_comms_free(s->comms);
	free(s->rings);
	free(s->evs);
	free(s->pids);
	free(s->pending);
	free(s->description);
	free(s);
}

const struct sampler_ops perf_sampler_ops = {
	.name = "perf",
	.open = perf_sampler_open,
	.add_process = perf_add_process,
	.remove_process = perf_remove_process,
	.collect = perf_collect,
	.pollfds = perf_pollfds,
	.describe = perf_describe,
	.close = perf_close,
};
