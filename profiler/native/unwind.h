/* unwind.h — DWARF unwinding of a copied user stack (perf's STACK_USER samples).
 *
 * libunwind's remote API with accessors of our own: registers from the
 * sample, stack words from the copy, and everything else (.eh_frame_hdr,
 * .eh_frame) read from the target's mapped ELF files, so the unwinding works
 * even after the target has exited.
 */
#ifndef HP_NATIVE_UNWIND_H
#define HP_NATIVE_UNWIND_H

#include <stddef.h>
#include <stdint.h>

struct symbolizer;
struct unwinder;

/* Registers as perf's sample_regs_user mask below lays them out. */
#define UNWIND_PERF_REGS_MASK 0xff01ffull /* AX..IP, R8..R15 */
enum { UNWIND_NREGS = 17 };

struct unwinder *unwinder_new(struct symbolizer *sy);
void unwinder_free(struct unwinder *u);
/* Forget a process's cached unwind tables (it exited or exec'ed). */
void unwinder_forget(struct unwinder *u, int pid);

/* Unwind: regs[UNWIND_NREGS] in mask order, `stack` the copy of `size`
 * bytes that started at regs' SP.  Fills ips[0..max) leaf first (ips[0] is
 * the sampled IP, the others return addresses); returns how many. */
int unwinder_unwind(struct unwinder *u, int pid, const uint64_t *regs, const void *stack,
		    size_t size, uint64_t *ips, int max);

#endif
