/* elfsym.c — symbols, build-id and loaded bytes of an ELF file, via libelf. */
#include "config.h"

#include "elfsym.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One entry of the address-sorted table built for elfsym_find_addr. */
struct addr_sym {
	uint64_t value, size;
	const char *name;
	int type, bind, dynamic;
};

struct elf_file {
	char *path;
	int fd;
	Elf *elf;
	GElf_Ehdr ehdr;
	const char *raw; /* the whole file (libelf's mmap) */
	size_t raw_len;
	struct addr_sym *by_addr; /* lazily built */
	size_t n_by_addr;
};

int elfsym_open(const char *path, struct elf_file **out, char **why)
{
	struct elf_file *ef;
	int fd, e;

	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return hp_fail(why, -ENOTSUP, "libelf is too old: %s", elf_errmsg(-1));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		return hp_fail(why, -e, "cannot open %s: %s", path, strerror(e));
	}
	ef = xcalloc(1, sizeof *ef);
	ef->fd = fd;
	ef->path = xstrdup(path);
	ef->elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!ef->elf || elf_kind(ef->elf) != ELF_K_ELF || !gelf_getehdr(ef->elf, &ef->ehdr)) {
		elfsym_close(ef);
		return hp_fail(why, -ENOEXEC, "%s is not an ELF file", path);
	}
	ef->raw = elf_rawfile(ef->elf, &ef->raw_len);
	*out = ef;
	return 0;
}

void elfsym_close(struct elf_file *ef)
{
	if (!ef)
		return;
	if (ef->elf)
		elf_end(ef->elf);
	close(ef->fd);
	free(ef->by_addr);
	free(ef->path);
	free(ef);
}

const char *elfsym_path(const struct elf_file *ef)
{
	return ef->path;
}

int elfsym_bits(const struct elf_file *ef)
{
	return gelf_getclass(ef->elf) == ELFCLASS32 ? 32 : 64;
}

int elfsym_is_dyn(const struct elf_file *ef)
{
	return ef->ehdr.e_type == ET_DYN;
}

/* Walk the symbols of every section of type `shtype`. */
static int each_in(struct elf_file *ef, Elf64_Word shtype,
		   int (*fn)(const struct elfsym_sym *, void *), void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(ef->elf, scn)) != NULL) {
		Elf_Data *data;
		size_t n;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != shtype || sh.sh_entsize == 0)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 1; i < n; i++) {
			GElf_Sym gs;
			struct elfsym_sym s;
			int r;
			if (!gelf_getsym(data, (int)i, &gs))
				continue;
			s.name = elf_strptr(ef->elf, sh.sh_link, gs.st_name);
			if (!s.name || !s.name[0])
				continue;
			s.value = gs.st_value;
			s.size = gs.st_size;
			s.type = GELF_ST_TYPE(gs.st_info);
			s.bind = GELF_ST_BIND(gs.st_info);
			s.defined = gs.st_shndx != SHN_UNDEF;
			s.dynamic = shtype == SHT_DYNSYM;
			if ((r = fn(&s, arg)) != 0)
				return r;
		}
	}
	return 0;
}

int elfsym_each(struct elf_file *ef, int (*fn)(const struct elfsym_sym *sym, void *arg), void *arg)
{
	int r = each_in(ef, SHT_SYMTAB, fn, arg);
	return r ? r : each_in(ef, SHT_DYNSYM, fn, arg);
}

struct lookup_ctx {
	const char *name;
	uint64_t value, size;
};

static int lookup_cb(const struct elfsym_sym *s, void *arg)
{
	struct lookup_ctx *lc = arg;
	if (!s->defined || strcmp(s->name, lc->name) != 0)
		return 0;
	lc->value = s->value;
	lc->size = s->size;
	return 1;
}

int elfsym_lookup(struct elf_file *ef, const char *name, uint64_t *value, uint64_t *size)
{
	struct lookup_ctx lc = { .name = name };

	if (elfsym_each(ef, lookup_cb, &lc) == 0)
		return -ENOENT;
	*value = lc.value;
	if (size)
		*size = lc.size;
	return 0;
}

struct collect_ctx {
	struct addr_sym *v;
	size_t n, cap;
};

static int collect_cb(const struct elfsym_sym *s, void *arg)
{
	struct collect_ctx *cc = arg;
	if (!s->defined || s->value == 0 || (s->type != STT_FUNC && s->type != STT_OBJECT &&
					     s->type != STT_GNU_IFUNC))
		return 0;
	if (cc->n == cc->cap) {
		cc->cap = cc->cap ? cc->cap * 2 : 1024;
		cc->v = xreallocarray(cc->v, cc->cap, sizeof *cc->v);
	}
	cc->v[cc->n++] = (struct addr_sym){ s->value, s->size, s->name, s->type, s->bind, s->dynamic };
	return 0;
}

/* By address; at equal addresses the sized, global, .symtab entry first. */
static int addr_cmp(const void *a, const void *b)
{
	const struct addr_sym *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if ((x->size != 0) != (y->size != 0))
		return x->size ? -1 : 1;
	if ((x->bind == STB_GLOBAL) != (y->bind == STB_GLOBAL))
		return x->bind == STB_GLOBAL ? -1 : 1;
	return x->dynamic - y->dynamic;
}

static void build_by_addr(struct elf_file *ef)
{
	struct collect_ctx cc = { 0 };

	elfsym_each(ef, collect_cb, &cc);
	if (cc.n)
		qsort(cc.v, cc.n, sizeof *cc.v, addr_cmp);
	ef->by_addr = cc.v ? cc.v : xmalloc(1);
	ef->n_by_addr = cc.n;
}

int elfsym_find_addr(struct elf_file *ef, uint64_t vaddr, struct elfsym_sym *sym)
{
	size_t lo = 0, hi;
	const struct addr_sym *a;

	if (!ef->by_addr)
		build_by_addr(ef);
	hi = ef->n_by_addr;
	while (lo < hi) { /* first entry with value > vaddr */
		size_t mid = lo + (hi - lo) / 2;
		if (ef->by_addr[mid].value <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -ENOENT;
	a = &ef->by_addr[lo - 1];
	while (lo - 1 > 0 && ef->by_addr[lo - 2].value == a->value)
		a = &ef->by_addr[--lo - 1]; /* the preferred one of equal addresses */
	/* A sized symbol that ends before vaddr: the address is in an unnamed
	 * (stripped) function, not in this one. */
	if (a->size && vaddr >= a->value + a->size)
		return -ENOENT;
	*sym = (struct elfsym_sym){ a->name, a->value, a->size, a->type, a->bind, 1, a->dynamic };
	return 0;
}

/* Search the notes of one Elf_Data for NT_GNU_BUILD_ID. */
static int build_id_in(Elf_Data *data, uint8_t *buf, size_t cap)
{
	size_t off = 0, next, name_off, desc_off;
	GElf_Nhdr nh;

	while ((next = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp((const char *)data->d_buf + name_off, "GNU", 4) == 0) {
			memcpy(buf, (const char *)data->d_buf + desc_off,
			       nh.n_descsz < cap ? nh.n_descsz : cap);
			return (int)nh.n_descsz;
		}
		off = next;
	}
	return -ENOENT;
}

int elfsym_build_id(struct elf_file *ef, uint8_t *buf, size_t cap)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(ef->elf, scn)) != NULL) {
		Elf_Data *data;
		int r;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		if (data && (r = build_id_in(data, buf, cap)) >= 0)
			return r;
	}
	return -ENOENT;
}

char *elfsym_build_id_hex(struct elf_file *ef)
{
	uint8_t id[64];
	int n = elfsym_build_id(ef, id, sizeof id);
	struct strbuf sb;

	if (n <= 0)
		return NULL;
	if ((size_t)n > sizeof id)
		n = sizeof id;
	strbuf_init(&sb);
	for (int i = 0; i < n; i++)
		strbuf_printf(&sb, "%02x", id[i]);
	return strbuf_detach(&sb);
}

int elfsym_read(struct elf_file *ef, uint64_t vaddr, void *buf, size_t n)
{
	size_t nph;
	GElf_Phdr ph;

	if (!ef->raw || elf_getphdrnum(ef->elf, &nph) != 0)
		return -EFAULT;
	for (size_t i = 0; i < nph; i++) {
		uint64_t off;
		if (!gelf_getphdr(ef->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr < ph.p_vaddr || vaddr + n > ph.p_vaddr + ph.p_filesz || vaddr + n < vaddr)
			continue;
		off = ph.p_offset + (vaddr - ph.p_vaddr);
		if (off + n > ef->raw_len)
			return -EFAULT;
		memcpy(buf, ef->raw + off, n);
		return 0;
	}
	return -EFAULT;
}

int elfsym_offset_to_vaddr(struct elf_file *ef, uint64_t off, uint64_t *vaddr)
{
	size_t nph;
	GElf_Phdr ph;

	if (elf_getphdrnum(ef->elf, &nph) != 0)
		return -ENOENT;
	for (size_t i = 0; i < nph; i++) {
		uint64_t first;
		if (!gelf_getphdr(ef->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		/* Mappings start on a page: the segment's first page begins below
		 * p_offset when p_offset is not page aligned. */
		first = ph.p_offset & ~(uint64_t)(sysconf(_SC_PAGESIZE) - 1);
		if (off < first || off >= ph.p_offset + (ph.p_filesz ? ph.p_filesz : 1))
			continue;
		*vaddr = ph.p_vaddr - (ph.p_offset - off);
		return 0;
	}
	return -ENOENT;
}

int elfsym_section(struct elf_file *ef, const char *name, const void **data, size_t *len,
		   uint64_t *vaddr)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;

	if (elf_getshdrstrndx(ef->elf, &shstrndx) != 0)
		return -ENOENT;
	while ((scn = elf_nextscn(ef->elf, scn)) != NULL) {
		const char *n;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
			continue;
		n = elf_strptr(ef->elf, shstrndx, sh.sh_name);
		if (!n || strcmp(n, name) != 0 || !ef->raw || sh.sh_offset + sh.sh_size > ef->raw_len)
			continue;
		*data = ef->raw + sh.sh_offset;
		*len = sh.sh_size;
		if (vaddr)
			*vaddr = sh.sh_addr;
		return 0;
	}
	return -ENOENT;
}
