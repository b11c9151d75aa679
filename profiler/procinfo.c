/* procinfo.c — small readers of /proc/PID used by the session (to follow
 * processes) and the aggregator (to describe a process seen first in a sample). */
#include "config.h"

#include "procinfo.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The n-th space-separated field after the ")" that closes the command name
 * (field 3 of proc(5) is n = 0), as an unsigned number. */
static uint64_t stat_field(const char *after_comm, int n)
{
	const char *p = after_comm;
	for (int i = 0; i < n && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return p ? strtoull(p, NULL, 10) : 0;
}

int procinfo_read(int pid, struct procinfo *out)
{
	char path[64], *buf, *rp;
	struct stat sb;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	buf = hp_read_file(path, NULL);
	if (!buf)
		return -ESRCH;
	rp = strrchr(buf, ')');
	if (!rp || rp[1] != ' ' || !rp[2]) {
		free(buf);
		return -ESRCH;
	}
	rp += 2; /* at the state field */
	memset(out, 0, sizeof *out);
	out->pid = pid;
	out->state = rp[0];
	out->ppid = (int)stat_field(rp, 1);
	out->start_time = stat_field(rp, 19);
	/* startcode (26) and startstack (28) move on exec (ASLR); the exe inode
	 * catches an exec of another file when addresses are not randomised. */
	out->image = stat_field(rp, 23) ^ (stat_field(rp, 25) << 1);
	snprintf(path, sizeof path, "/proc/%d/exe", pid);
	if (stat(path, &sb) == 0)
		out->image ^= ((uint64_t)sb.st_ino << 17) ^ (uint64_t)sb.st_dev;
	free(buf);
	return 0;
}

int procinfo_alive(int pid)
{
	struct procinfo pi;
	return procinfo_read(pid, &pi) == 0 && pi.state != 'Z' && pi.state != 'X';
}

char *procinfo_cmdline(int pid)
{
	char path[64], *buf;
	size_t len = 0;

	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	buf = hp_read_file(path, &len);
	if (!buf)
		return NULL;
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[len] = '\0';
	if (len == 0) { /* kernel threads and zombies: the name in brackets */
		free(buf);
		snprintf(path, sizeof path, "/proc/%d/comm", pid);
		buf = hp_read_file(path, &len);
		if (!buf)
			return NULL;
		buf[strcspn(buf, "\n")] = '\0';
		char *bracketed = xasprintf("[%s]", buf);
		free(buf);
		buf = bracketed;
	}
	return buf;
}

char *procinfo_exe(int pid)
{
	char path[64], target[PATH_MAX];
	ssize_t n;
	snprintf(path, sizeof path, "/proc/%d/exe", pid);
	n = readlink(path, target, sizeof target - 1);
	if (n < 0)
		return NULL;
	target[n] = '\0';
	return xstrdup(target);
}

/* Parse a list of decimal pids separated by spaces and call fn on each. */
static void each_number(const char *s, void (*fn)(int, void *), void *arg)
{
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s)
			break;
		if (v > 0 && v <= INT_MAX)
			fn((int)v, arg);
		s = end;
	}
}

int procinfo_children(int pid, void (*fn)(int child, void *arg), void *arg)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	int found = 0;

	snprintf(path, sizeof path, "/proc/%d/task", pid);
	if (!(d = opendir(path)))
		return -ESRCH;
	while ((de = readdir(d))) {
		char cpath[300], *buf;
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(cpath, sizeof cpath, "/proc/%d/task/%s/children", pid, de->d_name);
		if (!(buf = hp_read_file(cpath, NULL)))
			continue;
		found = 1;
		each_number(buf, fn, arg);
		free(buf);
	}
	closedir(d);
	if (!found && access("/proc/self/task", F_OK) == 0) {
		snprintf(path, sizeof path, "/proc/%d/task/%d/children", getpid(), getpid());
		if (access(path, F_OK) != 0)
			return -ENOSYS;
	}
	return 0;
}

void procinfo_each(void (*fn)(int pid, int ppid, void *arg), void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct procinfo pi;

	if (!d)
		return;
	while ((de = readdir(d))) {
		long pid;
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    hp_parse_long(de->d_name, 1, INT_MAX, &pid) < 0)
			continue;
		if (procinfo_read((int)pid, &pi) == 0)
			fn((int)pid, pi.ppid, arg);
	}
	closedir(d);
}
