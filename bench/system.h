/* system.h — system tuning knobs for stable benchmarks (hpbench system).
 *
 * Each knob is one file in bench/system/ implementing struct knob_ops.  All
 * paths go through a sysctx so a fake /sys and /proc tree (--sysroot DIR,
 * $HPBENCH_SYSROOT) can stand in for the real one.  Every value `tune`
 * changes is written to a journal first; `reset` writes those exact values
 * back. */
#ifndef HP_BENCH_SYSTEM_H
#define HP_BENCH_SYSTEM_H

#include "util.h"

#include <sched.h>

enum knob_state {
	KNOB_NA = 0, /* this machine has no such knob: "not applicable here" */
	KNOB_OK,     /* set for benchmarking */
	KNOB_BAD,    /* not tuned: `tune` would change it */
	KNOB_INFO,   /* advice only: nothing `tune` can change */
};

struct knob_report {
	enum knob_state state;
	char *value; /* current setting, short ("powersave on cpu0-1") */
	char *note;  /* what tune does / what to do, or why n/a */
};

struct journal_entry;

struct sysctx {
	char *root;           /* "" for the real system, else the fake tree */
	char *state_path;     /* journal file */
	cpu_set_t online;     /* online CPUs */
	cpu_set_t cpus;       /* CPUs the benchmarks use */
	int cpus_given;       /* --cpus */
	struct journal_entry *journal;
	size_t njournal;
	struct strbuf log;    /* "path: old -> new" lines of this tune/reset */
	int failures;         /* writes that failed during tune/reset */
};

struct knob_ops {
	const char *name;
	const char *summary;
	void (*show)(struct sysctx *ctx, struct knob_report *r);
	/* Change what show called KNOB_BAD; NULL for advice-only knobs.
	 * Returns 0 or -errno (with *why); partial changes stay journaled. */
	int (*tune)(struct sysctx *ctx, char **why);
};

extern const struct knob_ops *const system_knobs[];

/* Context for root ("" or NULL: the real system); cpus may be NULL. */
int sysctx_init(struct sysctx *ctx, const char *root, const char *cpus, const char *state,
		char **why);
void sysctx_done(struct sysctx *ctx);
const struct knob_ops *system_knob_find(const char *name);
void knob_report_done(struct knob_report *r);
void knob_set(struct knob_report *r, enum knob_state st, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The common kind of knob: one file holding an integer with one good value. */
struct int_knob {
	const char *name, *path;
	long good;
	const char *good_text, *bad_text; /* how the values read: "turbo off" */
	const char *tune_note;            /* "tune sets no_turbo=1" */
	const char *missing;              /* why n/a: "no intel_pstate driver" */
};
void int_knob_show(struct sysctx *ctx, const struct int_knob *k, struct knob_report *r);
int int_knob_tune(struct sysctx *ctx, const struct int_knob *k, char **why);

/* Paths are absolute ("/proc/sys/..."), resolved under ctx->root. */
char *sys_path(const struct sysctx *ctx, const char *path);
int sys_exists(const struct sysctx *ctx, const char *path);
char *sys_read(const struct sysctx *ctx, const char *path);       /* raw bytes */
char *sys_read_line(const struct sysctx *ctx, const char *path);  /* first line, trimmed */
/* The [selected] word of a "a [b] c" choice file, or the whole line. */
char *sys_read_choice(const struct sysctx *ctx, const char *path);
int sys_read_long(const struct sysctx *ctx, const char *path, long *out);

/* Journal the current bytes of path (first time only), then write value.
 * SYS_CHOICE files are restored by selecting the saved [word]. */
enum sys_kind { SYS_RAW = 0, SYS_CHOICE = 1, SYS_SERVICE = 2 };
int sys_write(struct sysctx *ctx, const char *knob, const char *path, const char *value,
	      enum sys_kind kind, char **why);
/* Record a service we stopped (SYS_SERVICE entry); restored by starting it.
 * Returns 1 when it was already recorded by an earlier tune. */
int sys_journal_service(struct sysctx *ctx, const char *knob, const char *service, char **why);
/* Restore every journaled value, newest first; the journal is removed when
 * all succeeded.  Returns the number restored, or -errno. */
int sys_reset(struct sysctx *ctx, char **why);
/* Run `systemctl ACTION SERVICE`; 0 or -errno with *why. */
int sys_service(const char *action, const char *service, char **why);
/* "0-1,3" for a CPU set (static buffer of the caller). */
void sys_cpulist(const cpu_set_t *set, char *buf, size_t n);
/* Is `comm` the name of a running process (scans ROOT/proc)? */
int sys_process_running(const struct sysctx *ctx, const char *comm);

#endif
