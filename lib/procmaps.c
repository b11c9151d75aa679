/* procmaps.c — parse /proc/PID/maps and compute load biases of ELF files. */
#include "config.h"

#include "procmaps.h"

#include "elfsym.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DELETED_SUFFIX " (deleted)"

/* Parse one maps line into *pm; 0, or -EINVAL when it does not look like one. */
static int parse_line(const char *line, size_t len, struct procmap *pm)
{
	char perms[5];
	unsigned long long start, end, off, inode;
	unsigned dmaj, dmin;
	int consumed = 0;
	char *buf = xstrndup(line, len);
	const char *path;
	size_t plen, slen = strlen(DELETED_SUFFIX);

	if (sscanf(buf, "%llx-%llx %4s %llx %x:%x %llu %n", &start, &end, perms, &off, &dmaj,
		   &dmin, &inode, &consumed) < 7) {
		free(buf);
		return -EINVAL;
	}
	memset(pm, 0, sizeof *pm);
	pm->start = start;
	pm->end = end;
	pm->offset = off;
	pm->inode = inode;
	memcpy(pm->perms, perms, sizeof pm->perms);
	path = consumed > 0 ? buf + consumed : "";
	plen = strlen(path);
	if (plen > slen && strcmp(path + plen - slen, DELETED_SUFFIX) == 0) {
		pm->deleted = 1;
		plen -= slen;
	}
	pm->path = xstrndup(path, plen);
	free(buf);
	return 0;
}

int procmaps_parse(int pid, const char *text, struct procmaps *out, char **why)
{
	size_t cap = 0;
	const char *p = text;

	memset(out, 0, sizeof *out);
	out->pid = pid;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0) {
			if (out->n == cap) {
				cap = cap ? cap * 2 : 64;
				out->maps = xreallocarray(out->maps, cap, sizeof *out->maps);
			}
			if (parse_line(p, len, &out->maps[out->n]) < 0) {
				procmaps_done(out);
				return hp_fail(why, -EINVAL, "unexpected line in the maps of process %d", pid);
			}
			out->n++;
		}
		p += len + (nl ? 1 : 0);
	}
	return 0;
}

int procmaps_read(int pid, struct procmaps *out, char **why)
{
	char path[64];
	char *text;
	int ret;

	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "/proc/%d/maps", pid);
	text = hp_read_file(path, NULL);
	if (!text) {
		int e = errno;
		if (e == ENOENT)
			return hp_fail(why, -ESRCH, "no process with id %d", pid);
		if (e == EACCES || e == EPERM)
			return hp_fail(why, -EACCES, "cannot read the memory map of process %d: %s", pid,
				       strerror(e));
		return hp_fail(why, -e, "cannot read %s: %s", path, strerror(e));
	}
	/* A zombie or a kernel thread has an empty maps file: treat it as gone. */
	ret = procmaps_parse(pid, text, out, why);
	free(text);
	return ret;
}

void procmaps_done(struct procmaps *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->maps[i].path);
	free(m->maps);
	m->maps = NULL;
	m->n = 0;
}

const struct procmap *procmaps_find_addr(const struct procmaps *m, uint64_t addr)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct procmap *pm = &m->maps[mid];
		if (addr < pm->start)
			hi = mid;
		else if (addr >= pm->end)
			lo = mid + 1;
		else
			return pm;
	}
	return NULL;
}

const struct procmap *procmaps_find_file(const struct procmaps *m, const char *path)
{
	const struct procmap *best = NULL;

	for (size_t i = 0; i < m->n; i++) {
		const struct procmap *pm = &m->maps[i];
		if (strcmp(pm->path, path) == 0 && (!best || pm->offset < best->offset))
			best = pm;
	}
	return best;
}

const struct procmap *procmaps_find_basename(const struct procmaps *m, const char *prefix)
{
	size_t plen = strlen(prefix);

	for (size_t i = 0; i < m->n; i++) {
		const char *path = m->maps[i].path;
		const char *base = strrchr(path, '/');
		if (path[0] != '/' || !base)
			continue;
		if (strncmp(base + 1, prefix, plen) == 0)
			return procmaps_find_file(m, path);
	}
	return NULL;
}

char *procmaps_target_path(int pid, const char *path)
{
	return xasprintf("/proc/%d/root%s", pid, path);
}

/* Bias from one mapping: the file offset it starts at is loaded at vaddr in
 * the file's address space, and at pm->start in the process. */
static int bias_from_mapping(struct elf_file *ef, const struct procmap *pm, uint64_t *bias)
{
	uint64_t vaddr;

	if (elfsym_offset_to_vaddr(ef, pm->offset, &vaddr) < 0)
		return -ENOENT;
	*bias = pm->start - vaddr;
	return 0;
}

int procmaps_load_bias(const struct procmaps *m, const char *path, struct elf_file *ef,
		       uint64_t *bias, char **why)
{
	struct elf_file *own = NULL;
	int ret = -ENOENT;

	for (size_t i = 0; i < m->n; i++) {
		const struct procmap *pm = &m->maps[i];
		if (strcmp(pm->path, path) != 0)
			continue;
		if (!ef) {
			char *tp = procmaps_target_path(m->pid, path);
			ret = elfsym_open(tp, &own, why);
			free(tp);
			if (ret < 0)
				ret = elfsym_open(path, &own, why);
			if (ret < 0)
				return ret;
			ef = own;
		}
		ret = bias_from_mapping(ef, pm, bias);
		if (ret == 0)
			break;
	}
	if (own)
		elfsym_close(own);
	if (ret < 0)
		return hp_fail(why, ret, "%s is not mapped in process %d", path, m->pid);
	return 0;
}

char procmaps_task_state(int pid, int tid)
{
	char path[64], buf[512], *paren;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/task/%d/stat", pid, tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* "tid (comm) S ...": comm may hold spaces and parentheses. */
	paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' && paren[2] ? paren[2] : 0;
}
