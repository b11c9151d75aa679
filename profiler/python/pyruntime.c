/* pyruntime.c — find CPython in a live process: where _PyRuntime is, which
 * version runs, which struct layout applies (generated tables for 3.8-3.12,
 * _Py_DebugOffsets for 3.13), and how to get kernel TIDs of its threads. */
#include "config.h"

#include "python/pyint.h"

#include "elfsym.h"
#include "procmaps.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUPPORTED "3.8 to 3.13"

const struct py_layout *py_layout_find(int minor)
{
	for (const struct py_layout *const *l = py_layouts; *l; l++)
		if ((*l)->minor == minor)
			return *l;
	return NULL;
}

/* The ELF file of the target holding _PyRuntime. */
struct found {
	char *path;          /* as the target maps it */
	struct elf_file *ef;
	uint64_t bias;
	uint64_t runtime;    /* file vaddr of _PyRuntime */
};

static void found_done(struct found *f)
{
	elfsym_close(f->ef);
	free(f->path);
	memset(f, 0, sizeof *f);
}

/* Does the mapped file `path` define _PyRuntime?  Fills *f when it does. */
static int try_file(int pid, const struct procmaps *m, const char *path, struct found *f)
{
	char *tp = procmaps_target_path(pid, path);
	int ret = elfsym_open(tp, &f->ef, NULL);

	free(tp);
	if (ret < 0 && elfsym_open(path, &f->ef, NULL) < 0)
		return -ENOENT;
	if (elfsym_lookup(f->ef, "_PyRuntime", &f->runtime, NULL) < 0 ||
	    procmaps_load_bias(m, path, f->ef, &f->bias, NULL) < 0) {
		elfsym_close(f->ef);
		f->ef = NULL;
		return -ENOENT;
	}
	f->path = xstrdup(path);
	return 0;
}

static char *exe_of(int pid)
{
	char link[64], buf[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/%d/exe", pid);
	n = readlink(link, buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	if (n > 10 && strcmp(buf + n - 10, " (deleted)") == 0)
		buf[n - 10] = 0;
	return xstrdup(buf);
}

/* "python3.11", "python" ...: an interpreter that may still be loading. */
static int looks_like_python(const char *exe)
{
	const char *base = strrchr(exe, '/');
	return strncmp(base ? base + 1 : exe, "python", 6) == 0;
}

/* A libpython whose name says an old version (2.7, 3.6): unsupported. */
static int old_libpython(const struct procmaps *m, char **why)
{
	const struct procmap *pm = procmaps_find_basename(m, "libpython");
	const char *base;
	int major = 0, minor = 0;

	if (!pm)
		return 0;
	base = strrchr(pm->path, '/') + 1;
	if (sscanf(base, "libpython%d.%d", &major, &minor) != 2)
		return 0;
	hp_fail(why, -ENOTSUP, "process %d runs CPython %d.%d, which hprof cannot read (supported: %s)",
		m->pid, major, minor, SUPPORTED);
	return -ENOTSUP;
}

static int find_runtime(int pid, const struct procmaps *m, struct found *f, char **why)
{
	const struct procmap *lib = procmaps_find_basename(m, "libpython3.");
	char *exe = exe_of(pid);
	int ret;

	memset(f, 0, sizeof *f);
	if (lib && try_file(pid, m, lib->path, f) == 0)
		goto done;
	if (exe && try_file(pid, m, exe, f) == 0)
		goto done;
	if ((ret = old_libpython(m, why)) < 0)
		goto out;
	if (exe && looks_like_python(exe) && !lib)
		ret = hp_fail(why, -EAGAIN, "process %d (%s) has not loaded its Python runtime yet",
			      pid, exe);
	else
		ret = hp_fail(why, -ENOEXEC,
			      "process %d is not a Python process: %s has no _PyRuntime and maps no libpython3",
			      pid, exe ? exe : "its executable");
	goto out;
done:
	ret = 0;
out:
	free(exe);
	return ret;
}

static void format_hex_version(uint32_t hex, char *buf, size_t cap)
{
	unsigned major = hex >> 24, minor = (hex >> 16) & 0xff, micro = (hex >> 8) & 0xff;
	unsigned level = (hex >> 4) & 0xf, serial = hex & 0xf;
	const char *lv = level == 0xa ? "a" : level == 0xb ? "b" : level == 0xc ? "rc" : "";

	if (level == 0xf || !*lv)
		snprintf(buf, cap, "%u.%u.%u", major, minor, micro);
	else
		snprintf(buf, cap, "%u.%u.%u%s%u", major, minor, micro, lv, serial);
}

/* Find "3.N.P\0" in .rodata: PY_VERSION as compiled in (before 3.11).  The
 * linker may have merged it into the tail of a longer string (such as the
 * install prefix "/root/.pyenv/versions/3.8.18"), so it need not start
 * after a NUL, only after something that is not part of a number. */
static int rodata_version(struct elf_file *ef, int want_minor, char *buf, size_t cap)
{
	const char *d;
	const void *data;
	size_t len;

	if (elfsym_section(ef, ".rodata", &data, &len, NULL) < 0)
		return -ENOENT;
	d = data;
	for (size_t i = 1; i + 6 < len; i++) {
		size_t j = i + 2;
		int minor;
		if (isdigit((unsigned char)d[i - 1]) || d[i - 1] == '.' || d[i] != '3' || d[i + 1] != '.' ||
		    !isdigit((unsigned char)d[j]))
			continue;
		minor = atoi(d + j);
		while (j < len && isdigit((unsigned char)d[j]))
			j++;
		if (minor > 10 || (want_minor >= 0 && minor != want_minor) || j >= len ||
		    d[j] != '.' || !isdigit((unsigned char)d[j + 1]))
			continue;
		for (j++; j < len && (isalnum((unsigned char)d[j]) || d[j] == '+'); j++)
			;
		if (j < len && d[j] == 0 && j - i < cap) {
			memcpy(buf, d + i, j - i);
			buf[j - i] = 0;
			return 0;
		}
	}
	return -ENOENT;
}

/* The version string and minor number of the CPython in `f`. */
static int detect_version(struct found *f, char *buf, size_t cap, int *minor)
{
	uint64_t addr;
	uint32_t hex;
	const char *base = strrchr(f->path, '/');
	int maj = 0, min = -1, rmin = 0;
	char rbuf[32];

	if (elfsym_lookup(f->ef, "Py_Version", &addr, NULL) == 0 &&
	    elfsym_read(f->ef, addr, &hex, sizeof hex) == 0) {
		format_hex_version(hex, buf, cap);
		*minor = (hex >> 16) & 0xff;
		return (hex >> 24) == 3 ? 0 : -ENOTSUP;
	}
	/* The file name (libpython3.9.so, python3.9) is the surer minor; the
	 * string in .rodata adds the patch level when it agrees with it. */
	base = base ? base + 1 : f->path;
	if (sscanf(base, "libpython%d.%d", &maj, &min) != 2 &&
	    sscanf(base, "python%d.%d", &maj, &min) != 2)
		min = -1;
	if (rodata_version(f->ef, min, rbuf, sizeof rbuf) == 0 && sscanf(rbuf, "3.%d", &rmin) == 1) {
		snprintf(buf, cap, "%s", rbuf);
		*minor = rmin;
		return 0;
	}
	if (min < 0)
		return -ENOENT;
	snprintf(buf, cap, "%d.%d", maj, min);
	*minor = min;
	return maj == 3 ? 0 : -ENOTSUP;
}

/* _Py_DebugOffsets as CPython 3.13 lays it out at the start of _PyRuntime
 * (every field a uint64_t; only the groups up to unicode_object matter). */
struct debug_offsets_313 {
	char cookie[8];
	uint64_t version, free_threaded;
	struct { uint64_t size, finalizing, interpreters_head; } rt;
	struct { uint64_t size, id, next, threads_head, gc, imports_modules, sysdict, builtins,
		ceval_gil, gil_runtime_state, gil_enabled, gil_locked, gil_holder; } is;
	struct { uint64_t size, prev, next, interp, current_frame, thread_id, native_thread_id,
		datastack_chunk, status; } ts;
	struct { uint64_t size, previous, executable, instr_ptr, localsplus, owner; } fr;
	struct { uint64_t size, filename, name, qualname, linetable, firstlineno, argcount,
		localsplusnames, localspluskinds, co_code_adaptive; } co;
	struct { uint64_t size, ob_type; } obj;
	struct { uint64_t size, tp_name, tp_repr, tp_flags; } type;
	struct { uint64_t size, ob_item, ob_size; } tuple, list;
	struct { uint64_t size, ma_keys, ma_values; } dict;
	struct { uint64_t size, ob_fval; } flt;
	struct { uint64_t size, lv_tag, ob_digit; } lng;
	struct { uint64_t size, ob_size, ob_sval; } bytes;
	struct { uint64_t size, state, length, asciiobject_size; } str;
};

static int layout_from_debug_offsets(struct pyproc *pp, char **why)
{
	struct debug_offsets_313 d;
	struct py_layout *l = &pp->lay;
	int e = pymem_read(pp->pid, pp->runtime, &d, sizeof d);

	if (e < 0)
		return e;
	if (memcmp(d.cookie, "xdebugpy", 8) != 0)
		return hp_fail(why, -ENOTSUP, "CPython %s in process %d has no _Py_DebugOffsets",
			       pp->version, pp->pid);
	if (d.free_threaded)
		return hp_fail(why, -ENOTSUP,
			       "process %d runs a free-threaded CPython %s, which hprof cannot read",
			       pp->pid, pp->version);
	memset(l, 0, sizeof *l);
	l->minor = pp->minor;
	l->built_from = "_Py_DebugOffsets";
	l->rt_interpreters_head = (uint32_t)d.rt.interpreters_head;
	l->is_next = (uint32_t)d.is.next;
	l->is_id = (uint32_t)d.is.id;
	l->is_threads_head = (uint32_t)d.is.threads_head;
	l->is_gil = (uint32_t)d.is.ceval_gil;
	l->gil_locked = (uint32_t)(d.is.gil_locked - d.is.gil_runtime_state);
	l->gil_last_holder = (uint32_t)(d.is.gil_holder - d.is.gil_runtime_state);
	l->ts_next = (uint32_t)d.ts.next;
	l->ts_interp = (uint32_t)d.ts.interp;
	l->ts_thread_id = (uint32_t)d.ts.thread_id;
	l->ts_native_thread_id = (uint32_t)d.ts.native_thread_id;
	l->ts_frame = (uint32_t)d.ts.current_frame;
	l->fr_size = (uint32_t)d.fr.size;
	l->fr_back = (uint32_t)d.fr.previous;
	l->fr_code = (uint32_t)d.fr.executable;
	l->fr_instr = (uint32_t)d.fr.instr_ptr;
	l->fr_owner = (uint32_t)d.fr.owner;
	l->co_size = (uint32_t)d.co.size;
	l->co_filename = (uint32_t)d.co.filename;
	l->co_name = (uint32_t)d.co.name;
	l->co_qualname = (uint32_t)d.co.qualname;
	l->co_firstlineno = (uint32_t)d.co.firstlineno;
	l->co_linetable = (uint32_t)d.co.linetable;
	l->co_code_adaptive = (uint32_t)d.co.co_code_adaptive;
	l->ob_type = (uint32_t)d.obj.ob_type;
	l->var_size = (uint32_t)d.bytes.ob_size;
	l->bytes_sval = (uint32_t)d.bytes.ob_sval;
	l->str_length = (uint32_t)d.str.length;
	l->str_state = (uint32_t)d.str.state;
	l->str_ascii_size = (uint32_t)d.str.asciiobject_size;
	/* PyCompactUnicodeObject adds utf8_length and utf8 (3.12+). */
	l->str_compact_size = l->str_ascii_size + 16;
	return 0;
}

static int choose_layout(struct pyproc *pp, char **why)
{
	const struct py_layout *l;

	if (pp->minor == 13)
		return layout_from_debug_offsets(pp, why);
	l = py_layout_find(pp->minor);
	if (!l)
		return hp_fail(why, -ENOTSUP,
			       "process %d runs CPython %s, which hprof cannot read (supported: %s)",
			       pp->pid, pp->version, SUPPORTED);
	pp->lay = *l;
	return 0;
}

static int tid_offset_found = -1;

/* Runs in a new thread of hprof: where glibc's struct pthread keeps the
 * kernel TID, found by looking for our own TID in our own struct. */
static void *tid_probe(void *arg)
{
	int32_t words[640];
	int tid = (int)gettid();

	(void)arg;
	if (pymem_read(getpid(), (uint64_t)(uintptr_t)pthread_self(), words, sizeof words) == 0)
		for (size_t i = 0; i < HP_ARRAY_SIZE(words); i++)
			if (words[i] == tid) {
				tid_offset_found = (int)(i * sizeof words[0]);
				break;
			}
	return NULL;
}

static void tid_probe_once(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, tid_probe, NULL) == 0)
		pthread_join(t, NULL);
}

/* 3.8-3.10 record only the pthread_t of a thread (the address of its
 * struct pthread): read the TID from that struct at the offset glibc uses
 * in hprof itself, assuming the target uses the same C library. */
static int tid_offset(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, tid_probe_once);
	return tid_offset_found;
}

/* Type objects for the checks that catch torn reads. */
static int find_types(struct pyproc *pp, struct found *f, char **why)
{
	static const char *const names[] = { "PyCode_Type", "PyUnicode_Type", "PyBytes_Type",
					     "PyFrame_Type" };
	uint64_t *dst[] = { &pp->code_type, &pp->str_type, &pp->bytes_type, &pp->frame_type };

	for (size_t i = 0; i < HP_ARRAY_SIZE(names); i++) {
		uint64_t v;
		if (elfsym_lookup(f->ef, names[i], &v, NULL) < 0)
			return hp_fail(why, -ENOEXEC, "%s has _PyRuntime but no %s", f->path, names[i]);
		*dst[i] = v + f->bias;
	}
	return 0;
}

static int mem_fail(struct pyproc *pp, int e, char **why)
{
	if (e == -EPERM)
		return hp_fail(why, -EPERM,
			       "not allowed to read the memory of process %d: run as root, or as its "
			       "user with /proc/sys/kernel/yama/ptrace_scope at 0", pp->pid);
	if (e == -ESRCH)
		return hp_fail(why, -ESRCH, "process %d exited", pp->pid);
	return hp_fail(why, -ENOEXEC, "cannot read _PyRuntime in process %d", pp->pid);
}

/* -EAGAIN until the main interpreter and its first thread state exist. */
static int check_initialised(struct pyproc *pp, char **why)
{
	uint64_t interp, head;
	int e = pymem_read(pp->pid, pp->runtime + pp->lay.rt_interpreters_head, &interp, 8);

	if (e == 0 && py_ptr_ok(interp))
		e = pymem_read(pp->pid, interp + pp->lay.is_threads_head, &head, 8);
	else if (e == 0)
		head = 0;
	if (e < 0)
		return mem_fail(pp, e, why);
	if (!py_ptr_ok(interp) || !py_ptr_ok(head))
		return hp_fail(why, -EAGAIN, "the Python interpreter in process %d is not initialised yet",
			       pp->pid);
	return 0;
}

static int open_found(struct pyproc *pp, struct found *f, char **why)
{
	int e = detect_version(f, pp->version, sizeof pp->version, &pp->minor);

	if (elfsym_bits(f->ef) != 64)
		return hp_fail(why, -ENOTSUP, "process %d runs a 32-bit CPython, which hprof cannot read",
			       pp->pid);
	if (e == -ENOENT)
		return hp_fail(why, -ENOTSUP, "cannot tell which CPython version %s is", f->path);
	if (e < 0 || pp->minor < 8 || pp->minor > 13)
		return hp_fail(why, -ENOTSUP,
			       "process %d runs CPython %s, which hprof cannot read (supported: %s)",
			       pp->pid, pp->version, SUPPORTED);
	pp->runtime = f->runtime + f->bias;
	pp->lib_path = xstrdup(f->path);
	pp->describe = xasprintf("CPython %s (%s)", pp->version, f->path);
	if ((e = find_types(pp, f, why)) < 0)
		return e;
	if ((e = pymem_read(pp->pid, pp->runtime, &(uint64_t){ 0 }, 8)) < 0)
		return mem_fail(pp, e, why);
	if ((e = choose_layout(pp, why)) < 0)
		return e == -EPERM || e == -ESRCH || e == -EFAULT ? mem_fail(pp, e, why) : e;
	pp->tid_off = pp->minor <= 10 ? tid_offset() : -1;
	return check_initialised(pp, why);
}

int pyproc_open(int pid, struct pyproc **out, char **why)
{
	struct procmaps m;
	struct found f;
	struct pyproc *pp;
	int e;

	*out = NULL;
	if ((e = procmaps_read(pid, &m, why)) < 0)
		return e == -EACCES ? mem_fail(&(struct pyproc){ .pid = pid }, -EPERM, why) : e;
	e = find_runtime(pid, &m, &f, why);
	procmaps_done(&m);
	if (e < 0)
		return e;
	pp = xcalloc(1, sizeof *pp);
	pp->pid = pid;
	e = open_found(pp, &f, why);
	found_done(&f);
	if (e < 0) {
		pyproc_close(pp);
		return e;
	}
	*out = pp;
	return 0;
}

void pyproc_close(struct pyproc *pp)
{
	if (!pp)
		return;
	pycode_cache_done(&pp->codes);
	pythreads_names_done(pp);
	free(pp->threads);
	free(pp->tstart);
	free(pp->frames);
	free(pp->entries);
	free(pp->raw);
	free(pp->window);
	free(pp->describe);
	free(pp->lib_path);
	free(pp);
}

int pyproc_pid(const struct pyproc *pp)
{
	return pp->pid;
}

const char *pyproc_version(const struct pyproc *pp)
{
	return pp->version;
}

int pyproc_minor(const struct pyproc *pp)
{
	return pp->minor;
}

const char *pyproc_describe(const struct pyproc *pp)
{
	return pp->describe;
}

uint64_t pyproc_runtime_addr(const struct pyproc *pp)
{
	return pp->runtime;
}
