/* elfsym.h — ELF files read with libelf: symbols, build-id, loaded bytes.
 *
 * Shared by the CPython runtime discovery (find _PyRuntime, read the version
 * string from .rodata) and the native symbolizer (address -> function).
 * Symbol values are file virtual addresses; add the load bias of the mapping
 * (procmaps_load_bias) to get addresses in a process.
 */
#ifndef HP_ELFSYM_H
#define HP_ELFSYM_H

#include <stddef.h>
#include <stdint.h>

struct elf_file; /* opaque */

struct elfsym_sym {
	const char *name;  /* valid while the file is open */
	uint64_t value;    /* st_value: a virtual address for functions/objects */
	uint64_t size;
	int type;          /* STT_FUNC, STT_OBJECT, ... */
	int bind;          /* STB_GLOBAL, STB_LOCAL, STB_WEAK */
	int defined;       /* st_shndx != SHN_UNDEF */
	int dynamic;       /* from .dynsym (else .symtab) */
};

/* Open an ELF file.  -ENOENT/-EACCES from open(2), -ENOEXEC not an ELF file. */
int elfsym_open(const char *path, struct elf_file **out, char **why);
void elfsym_close(struct elf_file *ef);
const char *elfsym_path(const struct elf_file *ef);
/* 64 or 32: the ELF class (pointer size of the code in it). */
int elfsym_bits(const struct elf_file *ef);
/* 1 for ET_DYN (shared library or PIE), 0 for ET_EXEC. */
int elfsym_is_dyn(const struct elf_file *ef);

/* Value (and size, may be NULL) of the defined symbol `name`, looked up in
 * .symtab first, then .dynsym.  0, or -ENOENT. */
int elfsym_lookup(struct elf_file *ef, const char *name, uint64_t *value, uint64_t *size);

/* Call fn on every symbol of .symtab then .dynsym (undefined ones included);
 * stops and returns fn's value when it is non-zero. */
int elfsym_each(struct elf_file *ef, int (*fn)(const struct elfsym_sym *sym, void *arg), void *arg);

/* The function or object symbol containing `vaddr` (defined, non-zero size
 * preferred, else the nearest preceding function).  Built lazily, sorted.
 * 0 with *sym filled, or -ENOENT. */
int elfsym_find_addr(struct elf_file *ef, uint64_t vaddr, struct elfsym_sym *sym);

/* The GNU build-id note: copies up to cap bytes, returns its length, or
 * -ENOENT when the file has none. */
int elfsym_build_id(struct elf_file *ef, uint8_t *buf, size_t cap);
/* Same as lowercase hex in a new string, or NULL. */
char *elfsym_build_id_hex(struct elf_file *ef);

/* Read n bytes at virtual address vaddr from the file's PT_LOAD contents.
 * 0, or -EFAULT when the range is not backed by the file (e.g. .bss). */
int elfsym_read(struct elf_file *ef, uint64_t vaddr, void *buf, size_t n);

/* The virtual address that file offset `off` is loaded at (from the PT_LOAD
 * segment holding it).  0, or -ENOENT. */
int elfsym_offset_to_vaddr(struct elf_file *ef, uint64_t off, uint64_t *vaddr);

/* The contents of the section `name` (e.g. ".rodata") as stored in the file:
 * *data points into the open file.  0, or -ENOENT (absent or NOBITS). */
int elfsym_section(struct elf_file *ef, const char *name, const void **data, size_t *len,
		   uint64_t *vaddr);

#endif
