/* symbols.c — native symbolizer: ELF/DWARF per file, maps per process, kallsyms.
 *
 * libdwfl does the file work: it reads .symtab/.dynsym, the minidebuginfo in
 * .gnu_debugdata and the separate debug files found by build-id, so one Dwfl
 * per ELF file (reported at its file addresses) answers every question about
 * it.  Results are cached per address, so a hot address costs one hash probe.
 */
#include "config.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procmaps.h"
#include "symbols.h"
#include "util.h"

/* One resolved address: its frames, innermost inline first. */
struct sym_entry {
	uint64_t vaddr;
	int n;
	struct hp_frame *frames;
};

struct sym_module {
	char *path;        /* as the target maps it */
	uint64_t inode;
	Dwfl *dwfl;
	Dwfl_Module *mod;  /* NULL: not an ELF file we can read */
	Elf *elf;
	uint64_t xlo, xhi; /* executable PT_LOAD range, file vaddrs */
	uint64_t lo, hi;   /* every PT_LOAD */
	struct sym_entry *cache; /* open addressing on vaddr, vaddr 0 = empty */
	size_t cache_cap, cache_len;
	struct sym_module *next;
};

struct sym_proc {
	int pid;
	struct procmaps maps;
	struct sym_module **mods; /* per mapping, NULL for non-ELF */
	uint64_t *bias;           /* per mapping */
	uint64_t refreshed_ns;
	struct sym_proc *next;
};

struct ksym {
	uint64_t addr;
	char *name;
};

struct symbolizer {
	struct sym_module *modules;
	struct sym_proc *procs;
	struct sym_proc *last; /* the process of the previous lookup */
	struct ksym *ksyms;
	size_t nksyms;
	int ksyms_loaded;
	struct hp_frame unknown_kernel;
};

static const Dwfl_Callbacks dwfl_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

struct symbolizer *symbolizer_new(void)
{
	struct symbolizer *sy = xcalloc(1, sizeof(*sy));
	return sy;
}

static void module_free(struct sym_module *m)
{
	for (size_t i = 0; i < m->cache_cap; i++) {
		struct sym_entry *e = &m->cache[i];
		for (int j = 0; j < e->n; j++) {
			free((char *)e->frames[j].function);
			free((char *)e->frames[j].file);
		}
		free(e->frames);
	}
	free(m->cache);
	if (m->dwfl)
		dwfl_end(m->dwfl);
	free(m->path);
	free(m);
}

static void proc_free(struct sym_proc *p)
{
	procmaps_done(&p->maps);
	free(p->mods);
	free(p->bias);
	free(p);
}

void symbolizer_free(struct symbolizer *sy)
{
	if (!sy)
		return;
	while (sy->procs) {
		struct sym_proc *p = sy->procs;
		sy->procs = p->next;
		proc_free(p);
	}
	while (sy->modules) {
		struct sym_module *m = sy->modules;
		sy->modules = m->next;
		module_free(m);
	}
	for (size_t i = 0; i < sy->nksyms; i++)
		free(sy->ksyms[i].name);
	free(sy->ksyms);
	free(sy);
}

/* Find the executable range of the ELF file (for the unwinder's tables). */
static void module_scan_phdrs(struct sym_module *m)
{
	size_t n;
	m->xlo = m->lo = UINT64_MAX;
	if (elf_getphdrnum(m->elf, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(m->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (ph.p_vaddr < m->lo)
			m->lo = ph.p_vaddr;
		if (ph.p_vaddr + ph.p_memsz > m->hi)
			m->hi = ph.p_vaddr + ph.p_memsz;
		if (!(ph.p_flags & PF_X))
			continue;
		if (ph.p_vaddr < m->xlo)
			m->xlo = ph.p_vaddr;
		if (ph.p_vaddr + ph.p_memsz > m->xhi)
			m->xhi = ph.p_vaddr + ph.p_memsz;
	}
}

/* Open `open_path` with libdwfl at its own file addresses. */
static void module_open(struct sym_module *m, const char *open_path)
{
	GElf_Addr bias;
	m->dwfl = dwfl_begin(&dwfl_callbacks);
	if (!m->dwfl)
		return;
	dwfl_report_begin(m->dwfl);
	m->mod = dwfl_report_elf(m->dwfl, m->path, open_path, -1, 0, true);
	dwfl_report_end(m->dwfl, NULL, NULL);
	if (m->mod)
		m->elf = dwfl_module_getelf(m->mod, &bias);
	if (!m->elf) {
		m->mod = NULL;
		return;
	}
	module_scan_phdrs(m);
}

/* The cached module for (path, inode), opened on first use. */
static struct sym_module *module_get(struct symbolizer *sy, int pid, const struct procmap *pm)
{
	for (struct sym_module *m = sy->modules; m; m = m->next)
		if (m->inode == pm->inode && strcmp(m->path, pm->path) == 0)
			return m;
	struct sym_module *m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(pm->path);
	m->inode = pm->inode;
	char *open_path = procmaps_target_path(pid, pm->path);
	module_open(m, open_path);
	if (!m->mod)
		module_open(m, pm->path);
	free(open_path);
	m->next = sy->modules;
	sy->modules = m;
	return m;
}

/* File vaddr loaded at the start of mapping pm (from the PT_LOAD holding its offset). */
static int module_map_vaddr(struct sym_module *m, const struct procmap *pm, uint64_t *vaddr)
{
	size_t n;
	if (!m->elf || elf_getphdrnum(m->elf, &n) != 0)
		return -ENOENT;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(m->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		uint64_t align = ph.p_align > 1 ? ph.p_align : 1;
		uint64_t off0 = ph.p_offset & ~(align - 1);
		if (pm->offset >= off0 && pm->offset < ph.p_offset + ph.p_filesz) {
			*vaddr = ph.p_vaddr - ph.p_offset + pm->offset;
			return 0;
		}
	}
	return -ENOENT;
}

static struct sym_proc *proc_find(struct symbolizer *sy, int pid)
{
	if (sy->last && sy->last->pid == pid)
		return sy->last;
	for (struct sym_proc *p = sy->procs; p; p = p->next)
		if (p->pid == pid)
			return sy->last = p;
	return NULL;
}

/* Attach modules and load biases to the file mappings of p->maps. */
static void proc_bind(struct symbolizer *sy, struct sym_proc *p)
{
	free(p->mods);
	free(p->bias);
	p->mods = xcalloc(p->maps.n ? p->maps.n : 1, sizeof(*p->mods));
	p->bias = xcalloc(p->maps.n ? p->maps.n : 1, sizeof(*p->bias));
	for (size_t i = 0; i < p->maps.n; i++) {
		const struct procmap *pm = &p->maps.maps[i];
		uint64_t vaddr;
		if (pm->path[0] != '/' || pm->inode == 0)
			continue;
		struct sym_module *m = module_get(sy, p->pid, pm);
		if (!m->mod || module_map_vaddr(m, pm, &vaddr) != 0)
			continue;
		p->mods[i] = m;
		p->bias[i] = pm->start - vaddr;
	}
	p->refreshed_ns = hp_now_ns();
}

/* Copy the maps of another process (a child that exited before we read its own). */
static void procmaps_copy(struct procmaps *dst, const struct procmaps *src, int pid)
{
	dst->pid = pid;
	dst->n = src->n;
	dst->maps = xcalloc(src->n ? src->n : 1, sizeof(*dst->maps));
	for (size_t i = 0; i < src->n; i++) {
		dst->maps[i] = src->maps[i];
		dst->maps[i].path = xstrdup(src->maps[i].path);
	}
}

int symbolizer_has_process(struct symbolizer *sy, int pid)
{
	return proc_find(sy, pid) != NULL;
}

int symbolizer_add_process(struct symbolizer *sy, int pid, int parent)
{
	struct sym_proc *p = proc_find(sy, pid);
	if (p) {
		symbolizer_refresh(sy, pid);
		return 0;
	}
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	if (procmaps_read(pid, &p->maps, NULL) != 0) {
		struct sym_proc *pp = parent ? proc_find(sy, parent) : NULL;
		if (!pp) {
			free(p);
			return -ESRCH;
		}
		procmaps_copy(&p->maps, &pp->maps, pid);
	}
	proc_bind(sy, p);
	p->next = sy->procs;
	sy->procs = sy->last = p;
	return 0;
}

void symbolizer_fork(struct symbolizer *sy, int pid, int parent)
{
	struct sym_proc *pp = proc_find(sy, parent);
	symbolizer_remove_process(sy, pid); /* a pid reused */
	if (!pp) {
		symbolizer_add_process(sy, pid, 0);
		return;
	}
	struct sym_proc *p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	procmaps_copy(&p->maps, &pp->maps, pid);
	proc_bind(sy, p);
	p->next = sy->procs;
	sy->procs = sy->last = p;
}

void symbolizer_remove_process(struct symbolizer *sy, int pid)
{
	for (struct sym_proc **pp = &sy->procs; *pp; pp = &(*pp)->next) {
		if ((*pp)->pid != pid)
			continue;
		struct sym_proc *p = *pp;
		*pp = p->next;
		if (sy->last == p)
			sy->last = NULL;
		proc_free(p);
		return;
	}
}

void symbolizer_refresh(struct symbolizer *sy, int pid)
{
	struct sym_proc *p = proc_find(sy, pid);
	struct procmaps fresh;
	if (!p || procmaps_read(pid, &fresh, NULL) != 0)
		return;
	if (fresh.n == 0) { /* a zombie's maps are empty: keep what we knew */
		procmaps_done(&fresh);
		return;
	}
	procmaps_done(&p->maps);
	p->maps = fresh;
	proc_bind(sy, p);
}

void symbolizer_exec(struct symbolizer *sy, int pid)
{
	struct sym_proc *p = proc_find(sy, pid);
	if (!p)
		return;
	procmaps_done(&p->maps);
	proc_bind(sy, p);
}

static int procmap_cmp(const void *a, const void *b)
{
	const struct procmap *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

void symbolizer_add_map(struct symbolizer *sy, int pid, uint64_t start, uint64_t len,
			uint64_t pgoff, uint64_t inode, const char *path)
{
	struct sym_proc *p = proc_find(sy, pid);
	struct procmaps *pm = p ? &p->maps : NULL;
	size_t j = 0;
	if (!p)
		return;
	for (size_t i = 0; i < pm->n; i++) { /* drop what the new mapping covers */
		if (pm->maps[i].start < start + len && pm->maps[i].end > start) {
			free(pm->maps[i].path);
			continue;
		}
		pm->maps[j++] = pm->maps[i];
	}
	pm->maps = xreallocarray(pm->maps, j + 1, sizeof(*pm->maps));
	struct procmap *m = &pm->maps[j];
	memset(m, 0, sizeof(*m));
	m->start = start;
	m->end = start + len;
	m->offset = pgoff;
	m->inode = inode;
	memcpy(m->perms, "r-xp", 5);
	m->path = xstrdup(path);
	pm->n = j + 1;
	qsort(pm->maps, pm->n, sizeof(*pm->maps), procmap_cmp);
	proc_bind(sy, p);
}

/* The mapping of p holding addr, or else a module whose loaded extent holds it
 * (perf reports executable mappings only; .eh_frame_hdr may lie beside). */
static long proc_lookup_once(struct sym_proc *p, uint64_t addr)
{
	const struct procmap *pm = procmaps_find_addr(&p->maps, addr);
	long i = pm ? pm - p->maps.maps : -1;
	if (i >= 0 && p->mods[i])
		return i;
	for (size_t j = 0; j < p->maps.n; j++) {
		struct sym_module *m = p->mods[j];
		if (m && addr >= m->lo + p->bias[j] && addr < m->hi + p->bias[j])
			return (long)j;
	}
	return -1;
}

/* As above, re-reading the maps (at most every 10 ms) when nothing holds
 * addr: a library may have been loaded since. */
static long proc_lookup(struct symbolizer *sy, struct sym_proc *p, uint64_t addr)
{
	long i = proc_lookup_once(p, addr);
	if (i >= 0 || hp_now_ns() - p->refreshed_ns < 10000000)
		return i;
	symbolizer_refresh(sy, p->pid);
	p->refreshed_ns = hp_now_ns();
	return proc_lookup_once(p, addr);
}

struct sym_module *symbolizer_module_at(struct symbolizer *sy, int pid, uint64_t addr,
				       uint64_t *bias, uint64_t *lo, uint64_t *hi)
{
	struct sym_proc *p = proc_find(sy, pid);
	long i = p ? proc_lookup(sy, p, addr) : -1;
	if (i < 0)
		return NULL;
	struct sym_module *m = p->mods[i];
	*bias = p->bias[i];
	if (lo)
		*lo = m->xlo + p->bias[i];
	if (hi)
		*hi = m->xhi + p->bias[i];
	return m;
}

uint64_t symbolizer_map_end(struct symbolizer *sy, int pid, uint64_t addr)
{
	struct sym_proc *p = proc_find(sy, pid);
	const struct procmap *pm = p ? procmaps_find_addr(&p->maps, addr) : NULL;
	if (p && !pm && hp_now_ns() - p->refreshed_ns >= 10000000) {
		symbolizer_refresh(sy, pid); /* a thread stack mapped since */
		p->refreshed_ns = hp_now_ns();
		pm = procmaps_find_addr(&p->maps, addr);
	}
	return pm ? pm->end : 0;
}

/* Read file-backed bytes at file vaddr of module m. */
static int module_read(struct sym_module *m, uint64_t vaddr, void *buf, size_t n)
{
	size_t nph, rawlen;
	char *raw = m->elf ? elf_rawfile(m->elf, &rawlen) : NULL;
	if (!raw || elf_getphdrnum(m->elf, &nph) != 0)
		return -EFAULT;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(m->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr < ph.p_vaddr || vaddr + n > ph.p_vaddr + ph.p_filesz)
			continue;
		uint64_t off = ph.p_offset + (vaddr - ph.p_vaddr);
		if (off + n > rawlen)
			return -EFAULT;
		memcpy(buf, raw + off, n);
		return 0;
	}
	return -EFAULT;
}

int symbolizer_read(struct symbolizer *sy, int pid, uint64_t addr, void *buf, size_t n)
{
	uint64_t bias;
	struct sym_module *m = symbolizer_module_at(sy, pid, addr, &bias, NULL, NULL);
	return m ? module_read(m, addr - bias, buf, n) : -EFAULT;
}

int sym_module_eh_frame_hdr(struct sym_module *m, uint64_t *hdr, uint64_t *table, uint64_t *count)
{
	size_t n;
	if (!m->elf || elf_getphdrnum(m->elf, &n) != 0)
		return -ENOENT;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		uint8_t h[12];
		if (!gelf_getphdr(m->elf, (int)i, &ph) || ph.p_type != PT_GNU_EH_FRAME)
			continue;
		if (module_read(m, ph.p_vaddr, h, sizeof(h)) != 0)
			return -ENOENT;
		/* version 1, eh_frame_ptr sdata4 (any base), count udata4, table datarel|sdata4 */
		if (h[0] != 1 || (h[1] & 0x0f) != DW_EH_PE_sdata4 || h[2] != DW_EH_PE_udata4 ||
		    h[3] != (DW_EH_PE_datarel | DW_EH_PE_sdata4))
			return -ENOENT;
		uint32_t cnt;
		memcpy(&cnt, h + 8, 4);
		*hdr = ph.p_vaddr;
		*table = ph.p_vaddr + 12;
		*count = cnt;
		return 0;
	}
	return -ENOENT;
}

const char *sym_module_path(const struct sym_module *m)
{
	return m->path;
}

/* Drop "." components and "dir/.." pairs, in place: DWARF names like
 * "./csu/../csu/libc-start.c" read as "csu/libc-start.c". */
static char *path_tidy(char *path)
{
	char *out = path, *p = path;
	int abs = *p == '/', depth = 0; /* components written that ".." may remove */
	while (*p) {
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || n == 0) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.' && depth > 0) {
			while (out > path + abs && *--out != '/')
				;
			depth--;
		} else {
			if (out > path + abs || (abs && out == path))
				*out++ = '/';
			memmove(out, p, n);
			out += n;
			depth += !(n == 2 && p[0] == '.' && p[1] == '.');
		}
		p += n + (p[n] == '/');
	}
	*out = 0;
	return path;
}

/* A file name made absolute with the CU's compilation directory. */
static char *source_path(Dwarf_Die *cu, const char *name)
{
	Dwarf_Attribute at;
	const char *dir;
	if (!name)
		return xstrdup("");
	if (name[0] == '/' || !(dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &at))))
		return path_tidy(xstrdup(name));
	return path_tidy(xasprintf("%s/%s", dir, name));
}

static int die_udata(Dwarf_Die *die, int name, Dwarf_Word *out)
{
	Dwarf_Attribute at;
	return dwarf_formudata(dwarf_attr(die, name, &at), out);
}

/* The name of the source file with index `idx` in the CU's line table. */
static char *call_file(Dwarf_Die *cu, Dwarf_Word idx)
{
	Dwarf_Files *files;
	size_t nfiles;
	if (dwarf_getsrcfiles(cu, &files, &nfiles) != 0 || idx >= nfiles)
		return xstrdup("");
	return source_path(cu, dwarf_filesrc(files, idx, NULL, NULL));
}

static void frame_set(struct hp_frame *f, struct sym_module *m, uint64_t ip, char *function,
		      char *file, int line, int def_line)
{
	memset(f, 0, sizeof(*f));
	f->kind = FRAME_NATIVE;
	f->function = function;
	f->file = file;
	f->line = line;
	f->def_line = def_line;
	f->module = m ? m->path : "";
	f->ip = ip;
}

static int die_decl_line(Dwarf_Die *die)
{
	int line = 0;
	return dwarf_decl_line(die, &line) == 0 ? line : 0;
}

/* Resolve file vaddr `va` of m into frames (innermost inline first). */
static int module_resolve(struct sym_module *m, uint64_t va, struct hp_frame *out, int max)
{
	GElf_Off off;
	GElf_Sym sym;
	Dwarf_Addr dbias = 0;
	const char *symname = dwfl_module_addrinfo(m->mod, va, &off, &sym, NULL, NULL, NULL);
	Dwarf_Die *cu = dwfl_module_addrdie(m->mod, va, &dbias);
	Dwfl_Line *dl = dwfl_module_getsrc(m->mod, va);
	int line = 0, n = 0;
	const char *lfile = dl ? dwfl_lineinfo(dl, NULL, &line, NULL, NULL, NULL) : NULL;
	char *file = cu ? source_path(cu, lfile) : xstrdup(lfile ? lfile : "");
	Dwarf_Die *scopes = NULL;
	int ns = cu ? dwarf_getscopes(cu, va - dbias, &scopes) : 0;

	for (int i = 0; i < ns && n < max - 1; i++) {
		Dwarf_Word cl = 0, cf = 0;
		if (dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine)
			continue;
		const char *name = dwarf_diename(&scopes[i]);
		frame_set(&out[n++], m, va, xstrdup(name ? name : "[inline]"), file, line,
			  die_decl_line(&scopes[i]));
		die_udata(&scopes[i], DW_AT_call_line, &cl);
		file = die_udata(&scopes[i], DW_AT_call_file, &cf) == 0 ? call_file(cu, cf) : xstrdup("");
		line = (int)cl;
	}
	int def_line = 0;
	const char *dname = NULL;
	for (int i = 0; i < ns; i++)
		if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
			def_line = die_decl_line(&scopes[i]);
			dname = dwarf_diename(&scopes[i]);
			break;
		}
	const char *name = symname ? symname : dname ? dname : "[unknown]";
	/* "memcpy@@GLIBC_2.14": the symbol version is not part of the name */
	frame_set(&out[n++], m, va, xstrndup(name, strcspn(name, "@")), file, line, def_line);
	free(scopes);
	return n;
}

static struct sym_entry *cache_slot(struct sym_module *m, uint64_t va)
{
	size_t mask = m->cache_cap - 1, i = (size_t)(va * 0x9e3779b97f4a7c15ull >> 20) & mask;
	while (m->cache[i].vaddr && m->cache[i].vaddr != va)
		i = (i + 1) & mask;
	return &m->cache[i];
}

static void cache_grow(struct sym_module *m)
{
	struct sym_entry *old = m->cache;
	size_t oldcap = m->cache_cap;
	m->cache_cap = oldcap ? oldcap * 2 : 256;
	m->cache = xcalloc(m->cache_cap, sizeof(*m->cache));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].vaddr)
			*cache_slot(m, old[i].vaddr) = old[i];
	free(old);
}

/* The cached frames of file vaddr va (vaddr 0 is never code, so it marks empty). */
static struct sym_entry *module_lookup(struct sym_module *m, uint64_t va)
{
	if ((m->cache_len + 1) * 2 > m->cache_cap)
		cache_grow(m);
	struct sym_entry *e = cache_slot(m, va);
	if (e->vaddr)
		return e;
	struct hp_frame tmp[32];
	e->vaddr = va;
	e->n = module_resolve(m, va, tmp, (int)HP_ARRAY_SIZE(tmp));
	e->frames = xmalloc(sizeof(*e->frames) * (size_t)e->n);
	memcpy(e->frames, tmp, sizeof(*e->frames) * (size_t)e->n);
	m->cache_len++;
	return e;
}

static int unknown_frame(struct sym_module *m, uint64_t ip, struct hp_frame *out)
{
	static char unknown[] = "[unknown]", empty[] = "";
	frame_set(out, m, ip, unknown, empty, 0, 0);
	return 1;
}

int symbolizer_user(struct symbolizer *sy, int pid, uint64_t ip, int caller,
		    struct hp_frame *out, int max)
{
	if (max < 1)
		return 0;
	uint64_t bias, look = caller && ip ? ip - 1 : ip;
	struct sym_module *m = symbolizer_module_at(sy, pid, look, &bias, NULL, NULL);
	if (!m || !m->mod || look - bias == 0)
		return unknown_frame(m, ip, out);
	struct sym_entry *e = module_lookup(m, look - bias);
	int n = e->n < max ? e->n : max;
	for (int i = 0; i < n; i++) {
		out[i] = e->frames[e->n - n + i];
		out[i].ip = ip;
	}
	return n;
}

int symbolizer_is_kernel(uint64_t ip)
{
	return ip >= 0xffff800000000000ull;
}

static int ksym_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Read the text symbols of /proc/kallsyms (zero addresses: not allowed to see them). */
static void ksyms_load(struct symbolizer *sy)
{
	size_t cap = 0;
	char line[512], name[256], type;
	unsigned long long addr;
	FILE *f = fopen("/proc/kallsyms", "re");
	sy->ksyms_loaded = 1;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 || addr == 0)
			continue;
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (sy->nksyms == cap) {
			cap = cap ? cap * 2 : 65536;
			sy->ksyms = xreallocarray(sy->ksyms, cap, sizeof(*sy->ksyms));
		}
		sy->ksyms[sy->nksyms].addr = addr;
		sy->ksyms[sy->nksyms++].name = xstrdup(name);
	}
	fclose(f);
	if (sy->nksyms > 1)
		qsort(sy->ksyms, sy->nksyms, sizeof(*sy->ksyms), ksym_cmp);
}

void symbolizer_kernel(struct symbolizer *sy, uint64_t ip, struct hp_frame *out)
{
	static char unknown[] = "[kernel]", empty[] = "", module[] = "[kernel.kallsyms]";
	size_t lo = 0, hi;
	if (!sy->ksyms_loaded)
		ksyms_load(sy);
	hi = sy->nksyms;
	while (lo < hi) { /* first symbol above ip */
		size_t mid = (lo + hi) / 2;
		if (sy->ksyms[mid].addr <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	memset(out, 0, sizeof(*out));
	out->kind = FRAME_KERNEL;
	out->function = lo ? sy->ksyms[lo - 1].name : unknown;
	out->file = empty;
	out->module = module;
	out->ip = ip;
}
