/* pymem.c — reading another process's memory with process_vm_readv. */
#include "config.h"

#include "python/pyint.h"

#include <errno.h>
#include <limits.h>
#include <sys/uio.h>

/* Map a failed call's errno to what the callers distinguish. */
static int mem_errno(int e)
{
	if (e == ESRCH || e == EPERM)
		return -e;
	return -EFAULT;
}

int pymem_read(int pid, uint64_t addr, void *buf, size_t n)
{
	struct iovec local = { buf, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };
	ssize_t got;

	if (n == 0)
		return 0;
	got = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (got < 0)
		return mem_errno(errno);
	return (size_t)got == n ? 0 : -EFAULT;
}

/* One batch of at most IOV_MAX reads; a failed piece stops the kernel, so
 * the rest are retried one by one. */
static int readv_batch(int pid, const uint64_t *addrs, void *const *bufs, const size_t *lens,
		       int n, unsigned char *ok)
{
	struct iovec local[IOV_MAX], remote[IOV_MAX];
	size_t got;
	ssize_t r;
	int i;

	if (n <= 0 || n > IOV_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		local[i] = (struct iovec){ bufs[i], lens[i] };
		remote[i] = (struct iovec){ (void *)(uintptr_t)addrs[i], lens[i] };
		ok[i] = 0;
	}
	r = process_vm_readv(pid, local, (unsigned long)n, remote, (unsigned long)n, 0);
	if (r < 0 && (errno == ESRCH || errno == EPERM))
		return -errno;
	got = r < 0 ? 0 : (size_t)r;
	for (i = 0; i < n && got >= lens[i]; i++) {
		ok[i] = 1;
		got -= lens[i];
	}
	for (; i < n; i++) {
		int e = pymem_read(pid, addrs[i], bufs[i], lens[i]);
		if (e == -ESRCH || e == -EPERM)
			return e;
		ok[i] = e == 0;
	}
	return 0;
}

int pymem_readv(int pid, const uint64_t *addrs, void *const *bufs, const size_t *lens, int n,
		unsigned char *ok)
{
	for (int i = 0; i < n; i += IOV_MAX) {
		int m = n - i < IOV_MAX ? n - i : IOV_MAX;
		int e = readv_batch(pid, addrs + i, bufs + i, lens + i, m, ok + i);
		if (e < 0)
			return e;
	}
	return 0;
}
