/* bpf.c — the eBPF sampler: stacks counted in the kernel, read now and then.
 *
 * The lowest-overhead native backend: the perf events of the target (one per
 * thread and CPU, inherited by new threads and children, as in perf.c) run
 * profile.bpf.c on each sample, which counts (pid, tid, stack ids) in a hash
 * map.  Nothing crosses to user space per sample; collect() drains the map
 * every BPF_DRAIN_NS and symbolizes each distinct stack once, with its count
 * as the sample's weight.  User stacks are frame-pointer chains.
 */
#include "config.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "native.h"
#include "profiler/native/profile.skel.h" /* generated in the build tree */
#include "symbols.h"
#include "util.h"

enum { BPF_MAX_DEPTH = 127, BPF_MAX_KEYS = 16384 };
#define BPF_DRAIN_NS 100000000ull /* 10 reads a second keep the maps small */

/* As in profile.bpf.c. */
struct bpf_sample_key {
	uint32_t pid, tid;
	int32_t ustack, kstack;
};

struct bpf_ev {
	int fd, pid;
};

struct sampler {
	struct sampler_opts opts;
	struct profile_bpf *skel;
	struct perf_event_attr attr;
	int ncpu;
	struct bpf_ev *evs;
	size_t nevs;
	int *pids;
	size_t npids;
	uint64_t last_drain;
	struct hp_sink *sink; /* the session's, from the last collect() */
	struct symbolizer *sy;
	struct native_comms *comms;
	struct bpf_sample_key *keys;
	struct hp_frame frames[NATIVE_MAX_FRAMES];
	uint64_t ips[BPF_MAX_DEPTH];
	char *description;
};

static void bpf_close(struct sampler *s);

/* The perf event the program runs on (cpu-clock unless --event). */
static int bpf_attr_init(struct sampler *s, char **why)
{
	const char *name = s->opts.event ? s->opts.event : "cpu-clock";
	struct perf_event_attr *a = &s->attr;
	uint64_t config;
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	if (native_perf_event(name, &a->type, &config) != 0)
		return hp_fail(why, -EINVAL, "unknown event '%s' (see hprof-native(1))", name);
	a->config = config;
	a->freq = 1;
	a->sample_freq = (uint64_t)(s->opts.rate_hz > 0 ? s->opts.rate_hz : 1000);
	a->inherit = 1;
	a->exclude_kernel = !s->opts.kernel;
	a->exclude_hv = 1;
	s->description = xasprintf("eBPF on perf_events %s, fp call graph%s", name,
				   s->opts.kernel ? ", kernel frames" : "");
	return 0;
}

static int bpf_open(const struct sampler_opts *opts, struct sampler **out, char **why)
{
	if (opts->mode == SAMPLER_MODE_WALL)
		return native_wall_unsupported("bpf", why);
	struct sampler *s = xcalloc(1, sizeof(*s));
	int err;
	s->opts = *opts;
	if ((err = bpf_attr_init(s, why)) != 0)
		goto fail;
	if (!(s->skel = profile_bpf__open())) {
		err = hp_fail(why, -errno, "cannot open the BPF program: %s", strerror(errno));
		goto fail;
	}
	s->skel->rodata->want_kernel = opts->kernel;
	if ((err = profile_bpf__load(s->skel)) != 0) {
		err = hp_fail(why, err == -EPERM ? -EACCES : err, "loading the BPF program failed (%s): "
			      "it needs root (or CAP_BPF and CAP_PERFMON); use --backend perf",
			      strerror(-err));
		goto fail;
	}
	long n = sysconf(_SC_NPROCESSORS_CONF);
	s->ncpu = n > 0 ? (int)n : 1;
	s->sy = symbolizer_new();
	s->comms = native_comms_new();
	s->keys = xcalloc(BPF_MAX_KEYS, sizeof(*s->keys));
	s->last_drain = hp_now_ns();
	*out = s;
	return 0;
fail:
	bpf_close(s);
	return err;
}

/* One event of thread tid on cpu, running the program. */
static int bpf_open_thread_cpu(struct sampler *s, int pid, int tid, int cpu)
{
	int fd = native_perf_open(&s->attr, tid, cpu);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, bpf_program__fd(s->skel->progs.hprof_sample)) != 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	s->evs = xreallocarray(s->evs, s->nevs + 1, sizeof(*s->evs));
	s->evs[s->nevs++] = (struct bpf_ev){ fd, pid };
	return 0;
}

static int bpf_open_one(void *arg, int pid, int tid, int cpu)
{
	return bpf_open_thread_cpu(arg, pid, tid, cpu);
}

static int bpf_add_process(struct sampler *s, int pid, char **why)
{
	if (symbolizer_add_process(s->sy, pid, 0) != 0)
		return hp_fail(why, -ESRCH, "no process %d", pid);
	int err = native_perf_each_thread(pid, s->ncpu, bpf_open_one, s, why);
	if (err)
		return err;
	s->pids = xreallocarray(s->pids, s->npids + 1, sizeof(*s->pids));
	s->pids[s->npids++] = pid;
	return 0;
}

static int bpf_collect(struct sampler *s, struct hp_sink *sink, char **why);

/* Stop counting for pid, and hand over what the kernel holds now: the
 * process is gone or leaving, and no later collect() may come. */
static void bpf_remove_process(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->nevs; i++)
		if (s->evs[i].pid == pid && s->evs[i].fd >= 0) {
			close(s->evs[i].fd);
			s->evs[i].fd = -1;
		}
	for (size_t i = 0; i < s->npids; i++)
		if (s->pids[i] == pid)
			s->pids[i] = -1;
	if (s->sink) {
		s->last_drain = 0;
		bpf_collect(s, s->sink, NULL);
	}
}

static int bpf_wanted(struct sampler *s, int pid)
{
	for (size_t i = 0; i < s->npids; i++)
		if (s->pids[i] == pid)
			return 1;
	return s->opts.inherit;
}

/* The addresses of stack `id` (leaf first), or 0 when it is gone. */
static int bpf_stack(struct sampler *s, int id)
{
	memset(s->ips, 0, sizeof(s->ips));
	if (id < 0 || bpf_map_lookup_elem(bpf_map__fd(s->skel->maps.stacks), &id, s->ips) != 0)
		return 0;
	int n = 0;
	while (n < BPF_MAX_DEPTH && s->ips[n])
		n++;
	return n;
}

/* One counted stack to the sink, `count` samples of weight. */
static void bpf_emit(struct sampler *s, const struct bpf_sample_key *k, uint64_t count,
		     struct hp_sink *sink)
{
	struct hp_sample smp = { .pid = (int)k->pid, .tid = (int)k->tid, .state = SAMPLE_ONCPU };
	int n = 0, nk = s->opts.kernel ? bpf_stack(s, k->kstack) : 0;
	if (!bpf_wanted(s, smp.pid))
		return;
	if (!symbolizer_has_process(s->sy, smp.pid))
		symbolizer_add_process(s->sy, smp.pid, 0);
	for (int i = 0; i < nk && n < NATIVE_MAX_FRAMES; i++)
		symbolizer_kernel(s->sy, s->ips[i], &s->frames[n++]);
	int nu = bpf_stack(s, k->ustack);
	native_user_frames(s->sy, smp.pid, s->ips, nu, s->frames, &n, NATIVE_MAX_FRAMES);
	if (n == 0) {
		hp_sink_error(sink, "stack-lost", count);
		return;
	}
	smp.thread_name = native_comms_get(s->comms, smp.pid, smp.tid);
	smp.nframes = n;
	smp.frames = s->frames;
	smp.t_ns = hp_now_ns();
	smp.weight = count;
	hp_sink_add(sink, &smp);
}

/* Take every count out of the kernel's map (lookup and delete: samples that
 * arrive meanwhile start new entries, none is lost). */
static int bpf_collect(struct sampler *s, struct hp_sink *sink, char **why)
{
	int fd = bpf_map__fd(s->skel->maps.counts);
	size_t n = 0;
	uint64_t now = hp_now_ns();
	s->sink = sink;
	if (now - s->last_drain < BPF_DRAIN_NS)
		return 0;
	s->last_drain = now;
	struct bpf_sample_key *prev = NULL;
	while (n < BPF_MAX_KEYS && bpf_map_get_next_key(fd, prev, &s->keys[n]) == 0) {
		prev = &s->keys[n];
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t count;
		if (bpf_map_lookup_and_delete_elem(fd, &s->keys[i], &count) == 0 && count)
			bpf_emit(s, &s->keys[i], count, sink);
	}
	return 0;
}

static const char *bpf_describe(struct sampler *s, int pid)
{
	return s->description;
}

static void bpf_close(struct sampler *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nevs; i++)
		if (s->evs[i].fd >= 0)
			close(s->evs[i].fd);
	profile_bpf__destroy(s->skel);
	symbolizer_free(s->sy);
	native_comms_free(s->comms);
	free(s->keys);
	free(s->evs);
	free(s->pids);
	free(s->description);
	free(s);
}

const struct sampler_ops bpf_sampler_ops = {
	.name = "bpf",
	.open = bpf_open,
	.add_process = bpf_add_process,
	.remove_process = bpf_remove_process,
	.collect = bpf_collect,
	.pollfds = NULL,
	.describe = bpf_describe,
	.close = bpf_close,
};
