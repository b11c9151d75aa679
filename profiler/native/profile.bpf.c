/* profile.bpf.c — the eBPF sampler's kernel half.
 *
 * Runs on every sample of the target's perf events: the user (and, when
 * asked, kernel) stack is stored once in a stack-trace map, and a hash map
 * counts samples per (pid, tid, user stack, kernel stack), so nothing is
 * copied to user space per sample; hprof reads and clears the counts now
 * and then.  User stacks are the kernel's frame-pointer walk.
 */
#include <linux/bpf.h>
#include <linux/bpf_perf_event.h>
#include <bpf/bpf_helpers.h>

#define MAX_DEPTH 127

struct sample_key {
	__u32 pid, tid;
	__s32 ustack, kstack; /* stack ids; < 0: the error bpf_get_stackid gave */
};

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__uint(value_size, MAX_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, struct sample_key);
	__type(value, __u64);
} counts SEC(".maps");

const volatile int want_kernel = 0;

SEC("perf_event")
int hprof_sample(struct bpf_perf_event_data *ctx)
{
	__u64 id = bpf_get_current_pid_tgid(), one = 1, *n;
	struct sample_key key = {
		.pid = id >> 32,
		.tid = (__u32)id,
		.ustack = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK),
		.kstack = want_kernel ? bpf_get_stackid(ctx, &stacks, 0) : -1,
	};
	n = bpf_map_lookup_elem(&counts, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
