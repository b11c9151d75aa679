/* procmaps.h — the memory mappings of a live process (/proc/PID/maps).
 *
 * Used to find where the interpreter or a shared library is mapped in a
 * target, and to turn file virtual addresses (ELF symbol values) into
 * addresses in the target: addr_in_process = symbol_value + load_bias.
 */
#ifndef HP_PROCMAPS_H
#define HP_PROCMAPS_H

#include <stddef.h>
#include <stdint.h>

struct elf_file;

/* One line of /proc/PID/maps. */
struct procmap {
	uint64_t start, end; /* [start, end) in the target */
	uint64_t offset;     /* file offset of `start` */
	uint64_t inode;
	char perms[5];       /* "r-xp" */
	int deleted;         /* the path ended in " (deleted)" (stripped from path) */
	char *path;          /* file, "[heap]", "[stack]", or "" for anonymous */
};

struct procmaps {
	int pid;
	struct procmap *maps; /* in the kernel's order: ascending addresses */
	size_t n;
};

/* Read /proc/PID/maps.  -ESRCH no such process, -EACCES not allowed. */
int procmaps_read(int pid, struct procmaps *out, char **why);
/* Parse the text of a maps file (pid is only recorded). */
int procmaps_parse(int pid, const char *text, struct procmaps *out, char **why);
void procmaps_done(struct procmaps *m);

/* The mapping containing `addr`, or NULL. */
const struct procmap *procmaps_find_addr(const struct procmaps *m, uint64_t addr);
/* The mapping of `path` with the lowest file offset, or NULL. */
const struct procmap *procmaps_find_file(const struct procmaps *m, const char *path);
/* The first file mapping whose base name starts with `prefix` (e.g.
 * "libpython3."), or NULL. */
const struct procmap *procmaps_find_basename(const struct procmaps *m, const char *prefix);

/* Load bias of the ELF file `path` (already opened as `ef`; NULL: open it) in
 * the process: the value to add to the file's virtual addresses.  0 for a
 * non-PIE executable.  -ENOENT when the file is not mapped. */
int procmaps_load_bias(const struct procmaps *m, const char *path, struct elf_file *ef,
		       uint64_t *bias, char **why);

/* The path under which this process can open a file the target maps:
 * /proc/PID/root/PATH (works across mount namespaces).  New string. */
char *procmaps_target_path(int pid, const char *path);

/* The scheduler state letter of thread `tid` of `pid` from
 * /proc/PID/task/TID/stat ('R' running, 'S' sleeping, 'D', 'T', 'Z'...),
 * or 0 when the thread is gone. */
char procmaps_task_state(int pid, int tid);

#endif
