/* procinfo.h — what /proc says about a process: parent, state, command line,
 * and an identity that changes when the process execs another program. */
#ifndef HP_PROCINFO_H
#define HP_PROCINFO_H

#include <stdint.h>

struct procinfo {
	int pid, ppid;
	char state;          /* 'R', 'S', 'Z' (zombie), 'X' ... */
	uint64_t start_time; /* clock ticks after boot: tells a reused pid apart */
	/* Changes when the process execs (new stack and code addresses, new
	 * executable file); equal across fork. */
	uint64_t image;
};

/* 0, or -ESRCH when the process is gone (or a zombie reaped meanwhile). */
int procinfo_read(int pid, struct procinfo *out);
/* The command line joined by spaces (a new string), or NULL when gone. */
char *procinfo_cmdline(int pid);
/* The executable's path (a new string), or NULL when not readable. */
char *procinfo_exe(int pid);
/* 1 when the process exists and is not a zombie. */
int procinfo_alive(int pid);
/* Calls fn(child_pid, arg) for each child of every thread of `pid`; -errno
 * when /proc/PID/task/TID/children is missing (kernel without
 * CONFIG_PROC_CHILDREN) so the caller scans /proc instead. */
int procinfo_children(int pid, void (*fn)(int child, void *arg), void *arg);
/* Calls fn(pid, ppid, arg) for every process in /proc. */
void procinfo_each(void (*fn)(int pid, int ppid, void *arg), void *arg);

#endif
