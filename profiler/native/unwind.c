/* unwind.c — libunwind remote unwinding over perf's copied stacks.
 *
 * One libunwind address space per process (its caches are per address
 * space); find_proc_info hands libunwind the module's .eh_frame_hdr binary
 * search table as a "remote table", and access_mem serves the stack copy or
 * the bytes of the mapped file.
 */
#include "config.h"

#include <errno.h>
#include <libunwind.h>
#include <stdlib.h>
#include <string.h>

#include "symbols.h"
#include "unwind.h"
#include "util.h"

/* Not in libunwind's public headers, but exported: the binary search of an
 * .eh_frame_hdr table that perf and others use for remote unwinding. */
extern int UNW_OBJ(dwarf_search_unwind_table)(unw_addr_space_t as, unw_word_t ip,
					      unw_dyn_info_t *di, unw_proc_info_t *pi,
					      int need_unwind_info, void *arg);

struct unwind_as {
	int pid;
	unw_addr_space_t as;
	struct unwind_as *next;
};

struct unwinder {
	struct symbolizer *sy;
	struct unwind_as *spaces;
};

/* What the accessors see during one unwind. */
struct unwind_ctx {
	struct unwinder *u;
	int pid;
	const uint64_t *regs;
	const uint8_t *stack;
	uint64_t sp;
	size_t size;
};

static int find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi,
			  int need_unwind_info, void *arg)
{
	struct unwind_ctx *c = arg;
	uint64_t bias, lo, hi, hdr, table, count;
	struct sym_module *m = symbolizer_module_at(c->u->sy, c->pid, ip, &bias, &lo, &hi);
	if (!m || sym_module_eh_frame_hdr(m, &hdr, &table, &count) != 0)
		return -UNW_ENOINFO;
	unw_dyn_info_t di;
	memset(&di, 0, sizeof(di));
	di.start_ip = lo;
	di.end_ip = hi;
	di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	di.u.rti.name_ptr = 0;
	di.u.rti.segbase = hdr + bias;
	di.u.rti.table_data = table + bias;
	di.u.rti.table_len = count * 8 / sizeof(unw_word_t); /* two int32 per entry */
	return UNW_OBJ(dwarf_search_unwind_table)(as, ip, &di, pi, need_unwind_info, arg);
}

static void put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi, void *arg)
{
}

static int get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *addr, void *arg)
{
	return -UNW_ENOINFO;
}

static int access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *valp, int write,
		      void *arg)
{
	struct unwind_ctx *c = arg;
	if (write)
		return -UNW_EINVAL;
	if (addr >= c->sp && c->size >= sizeof(*valp) && addr - c->sp <= c->size - sizeof(*valp)) {
		memcpy(valp, c->stack + (addr - c->sp), sizeof(*valp));
		return 0;
	}
	if (symbolizer_read(c->u->sy, c->pid, addr, valp, sizeof(*valp)) == 0)
		return 0;
	*valp = 0;
	return -UNW_EINVAL;
}

/* libunwind's register number -> index in the perf sample (mask order). */
static int reg_index(unw_regnum_t r)
{
	static const signed char map[] = {
		[UNW_X86_64_RAX] = 0, [UNW_X86_64_RBX] = 1, [UNW_X86_64_RCX] = 2,
		[UNW_X86_64_RDX] = 3, [UNW_X86_64_RSI] = 4, [UNW_X86_64_RDI] = 5,
		[UNW_X86_64_RBP] = 6, [UNW_X86_64_RSP] = 7, [UNW_X86_64_RIP] = 8,
		[UNW_X86_64_R8] = 9,   [UNW_X86_64_R9] = 10,  [UNW_X86_64_R10] = 11,
		[UNW_X86_64_R11] = 12, [UNW_X86_64_R12] = 13, [UNW_X86_64_R13] = 14,
		[UNW_X86_64_R14] = 15, [UNW_X86_64_R15] = 16,
	};
	return r >= 0 && (size_t)r < sizeof(map) ? map[r] : -1;
}

static int access_reg(unw_addr_space_t as, unw_regnum_t regnum, unw_word_t *valp, int write,
		      void *arg)
{
	struct unwind_ctx *c = arg;
	int i = reg_index(regnum);
	if (write || i < 0)
		return -UNW_EBADREG;
	*valp = c->regs[i];
	return 0;
}

static int access_fpreg(unw_addr_space_t as, unw_regnum_t num, unw_fpreg_t *val, int write,
			void *arg)
{
	return -UNW_EBADREG;
}

static int resume(unw_addr_space_t as, unw_cursor_t *cu, void *arg)
{
	return -UNW_EINVAL;
}

static int get_proc_name(unw_addr_space_t as, unw_word_t addr, char *buf, size_t len,
			 unw_word_t *offp, void *arg)
{
	return -UNW_EINVAL;
}

static unw_accessors_t accessors = {
	.find_proc_info = find_proc_info,
	.put_unwind_info = put_unwind_info,
	.get_dyn_info_list_addr = get_dyn_info_list_addr,
	.access_mem = access_mem,
	.access_reg = access_reg,
	.access_fpreg = access_fpreg,
	.resume = resume,
	.get_proc_name = get_proc_name,
};

struct unwinder *unwinder_new(struct symbolizer *sy)
{
	struct unwinder *u = xcalloc(1, sizeof(*u));
	u->sy = sy;
	return u;
}

void unwinder_free(struct unwinder *u)
{
	if (!u)
		return;
	while (u->spaces) {
		struct unwind_as *a = u->spaces;
		u->spaces = a->next;
		unw_destroy_addr_space(a->as);
		free(a);
	}
	free(u);
}

void unwinder_forget(struct unwinder *u, int pid)
{
	for (struct unwind_as **pp = &u->spaces; *pp; pp = &(*pp)->next) {
		if ((*pp)->pid != pid)
			continue;
		struct unwind_as *a = *pp;
		*pp = a->next;
		unw_destroy_addr_space(a->as);
		free(a);
		return;
	}
}

static unw_addr_space_t unwinder_space(struct unwinder *u, int pid)
{
	for (struct unwind_as *a = u->spaces; a; a = a->next)
		if (a->pid == pid)
			return a->as;
	struct unwind_as *a = xcalloc(1, sizeof(*a));
	a->pid = pid;
	a->as = unw_create_addr_space(&accessors, 0);
	unw_set_caching_policy(a->as, UNW_CACHE_GLOBAL);
	a->next = u->spaces;
	u->spaces = a;
	return a->as;
}

int unwinder_unwind(struct unwinder *u, int pid, const uint64_t *regs, const void *stack,
		    size_t size, uint64_t *ips, int max)
{
	struct unwind_ctx c = { u, pid, regs, stack, regs[7], size };
	unw_cursor_t cur;
	int n = 0;
	if (max < 1)
		return 0;
	ips[n++] = regs[8];
	if (unw_init_remote(&cur, unwinder_space(u, pid), &c) != 0)
		return n;
	while (n < max && unw_step(&cur) > 0) {
		unw_word_t ip;
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) != 0 || ip == 0)
			break;
		ips[n++] = ip;
	}
	return n;
}
