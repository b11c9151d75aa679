/* symbols.h — native symbolizer: addresses in a process to functions and lines.
 *
 * Shared by the perf, ptrace and mixed backends.  ELF files are cached once
 * per (path, inode) across samples and processes: function names from
 * .symtab/.dynsym (and .gnu_debugdata or /usr/lib/debug files, through
 * libdwfl), file:line from DWARF, inlined calls expanded into frames of their
 * own.  Each process keeps its /proc/PID/maps, re-read when an address falls
 * outside every known mapping (libraries dlopen'ed after start).  Kernel
 * addresses come from /proc/kallsyms.
 */
#ifndef HP_NATIVE_SYMBOLS_H
#define HP_NATIVE_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "sampler.h"

struct symbolizer;
struct sym_module;

struct symbolizer *symbolizer_new(void);
void symbolizer_free(struct symbolizer *sy);

/* Start tracking process `pid` (reads its maps now, while it is alive).
 * `parent` (0: none) lends its maps to a child that exits before they can be
 * read.  -ESRCH when there is no such process and no parent to copy. */
int symbolizer_add_process(struct symbolizer *sy, int pid, int parent);
/* A new process `pid` forked from `parent`: a copy of the parent's maps
 * (what the child has at fork time), or its own when the parent is unknown. */
void symbolizer_fork(struct symbolizer *sy, int pid, int parent);
/* True when `pid` is tracked. */
int symbolizer_has_process(struct symbolizer *sy, int pid);
/* Drop the process's maps (the ELF caches stay). */
void symbolizer_remove_process(struct symbolizer *sy, int pid);
/* Re-read the maps of `pid` from /proc (when it is alive). */
void symbolizer_refresh(struct symbolizer *sy, int pid);
/* `pid` exec'ed: forget its mappings; the new ones follow as mmap records. */
void symbolizer_exec(struct symbolizer *sy, int pid);
/* A mapping announced by a PERF_RECORD_MMAP2 (replaces what it overlaps). */
void symbolizer_add_map(struct symbolizer *sy, int pid, uint64_t start, uint64_t len,
			uint64_t pgoff, uint64_t inode, const char *path);

/* Append the frames of user address `ip` in `pid` to out[0..max): one per
 * inlined call, innermost first, then the function itself.  `caller`: ip is
 * a return address (look up ip - 1).  Returns the number of frames (>= 1
 * when max >= 1: unknown addresses give one "[unknown]" frame). */
int symbolizer_user(struct symbolizer *sy, int pid, uint64_t ip, int caller,
		    struct hp_frame *out, int max);
/* One kernel frame for `ip` (from /proc/kallsyms, read on first use). */
void symbolizer_kernel(struct symbolizer *sy, uint64_t ip, struct hp_frame *out);
/* True for addresses in the kernel half of the address space. */
int symbolizer_is_kernel(uint64_t ip);

/* For the unwinder: the module mapped at `addr` in `pid`, its load bias
 * (runtime = file vaddr + bias), and its exec range; NULL when none. */
struct sym_module *symbolizer_module_at(struct symbolizer *sy, int pid, uint64_t addr,
				       uint64_t *bias, uint64_t *lo, uint64_t *hi);
/* The end of the mapping of `pid` holding addr (e.g. a thread's stack), or 0. */
uint64_t symbolizer_map_end(struct symbolizer *sy, int pid, uint64_t addr);
/* Read `n` bytes at runtime address `addr` of `pid` from the mapped file
 * (text, .eh_frame: read-only data that is the same in the file). 0 or -EFAULT. */
int symbolizer_read(struct symbolizer *sy, int pid, uint64_t addr, void *buf, size_t n);
/* .eh_frame_hdr of a module as file vaddrs: the header, the binary-search
 * table and its entry count.  -ENOENT when the module has none usable. */
int sym_module_eh_frame_hdr(struct sym_module *m, uint64_t *hdr, uint64_t *table,
			    uint64_t *count);
const char *sym_module_path(const struct sym_module *m);

#endif
