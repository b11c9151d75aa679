/* query.h — a profile run loaded into memory, and the questions reports ask of it.
 *
 * `hprof report`, `hprof top` and `hpview` all read profiles through this one
 * layer: query_load() selects a run's samples (by pid, tid, state), resolves
 * every distinct stack of the trie once (root..leaf), and aggregates functions
 * and lines; trees, collapsed stacks and diffs are built from that model.
 *
 * Percentages are of `total`: the samples selected by pid/tid/state.  The
 * substring filter and the file glob keep or drop whole samples (a sample is
 * kept when one of its frames matches) and narrow the function and line rows
 * to matching files, but never change the 100%, so "% of the run" stays
 * comparable between filtered and unfiltered reports.
 *
 * Everything a profile points to (strings included) lives until query_free().
 */
#ifndef HP_QUERY_H
#define HP_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store.h"

enum { QUERY_STATE_ALL = -1 }; /* or SAMPLE_ONCPU / SAMPLE_IDLE from store.h */

/* Which samples a profile holds.  Zero-initialised = everything, except state:
 * use QUERY_OPTS_INIT or set state = QUERY_STATE_ALL. */
struct query_opts {
	int pid;               /* 0: every process */
	int tid;               /* 0: every thread */
	int state;             /* QUERY_STATE_ALL, SAMPLE_ONCPU or SAMPLE_IDLE */
	const char *filter;    /* substring of a frame's function or file; NULL: none */
	const char *file_glob; /* fnmatch(3) on a frame's file (or its basename when the
				  pattern has no '/'); NULL: none */
};
#define QUERY_OPTS_INIT { .state = QUERY_STATE_ALL }

/* The run's header: the facts a report prints above its table. */
struct query_run {
	int64_t id;
	char *kind, *name, *command, *cwd, *status, *sampler, *mode, *python_version;
	char *hostname, *settings;
	int pid;
	int exit_code;         /* INT32_MIN: unknown */
	int64_t started_ns, ended_ns; /* ended_ns 0: still running */
	double duration_s;     /* 0 when not ended */
	double rate_hz;
	int64_t samples;       /* taken, as the sampler recorded them */
	int64_t errors;        /* samples dropped (torn reads, ...) */
	double error_rate;     /* errors / (samples + errors), 0..1 */
};

/* A frame as stored (frames table). */
struct query_frame {
	int64_t id;
	int kind;              /* FRAME_PYTHON, FRAME_NATIVE, FRAME_KERNEL */
	const char *function, *file, *module;
	int line, def_line;
	int func;              /* index into profile->funcs */
	int lineno;            /* index into profile->lines */
};

/* A function: frames merged by (kind, function, file, module). */
struct query_func {
	int kind;
	const char *function, *file, *module;
	int def_line;          /* smallest non-zero def_line seen, else 0 */
	int64_t self, total;   /* self: leaf samples; total: samples with it on the
				  stack at least once (recursion counted once) */
	double self_pct, total_pct;
	int shown;             /* 0 when the file glob drops the row */
};

/* A source line: frames merged by (kind, file, line, function, module). */
struct query_line {
	int kind;
	const char *file, *function, *module;
	int line;
	int64_t self, total;
	double self_pct, total_pct;
	/* Mixed runs: the samples whose innermost Python frame is this line, split
	 * by where the leaf is: the kernel (system); native code other than the
	 * interpreter's own (libpython*, python*) below the line (native); else
	 * Python (the line's bytecode, interpreter helpers included). */
	int64_t python, native, system;
	int shown;
};

/* One distinct sampled stack, summed over the selected threads and states. */
struct query_stack {
	int64_t id;            /* stacks.id of the leaf */
	int nframes;
	int *frames;           /* indices into profile->frames, root first */
	int64_t count;
	int kept;              /* 0 when the filter / file glob drops it */
};

struct query_thread {
	int64_t id;            /* threads.id */
	int pid, tid;
	const char *name;      /* "" when unknown */
	int64_t samples, oncpu, idle;
	int top_func;          /* index of the function with most self samples, -1 none */
};

/* One row of the samples table as selected: (thread, stack, state) -> count. */
struct query_sample {
	int thread;            /* index into profile->threads */
	int stack;             /* index into profile->stacks */
	int state;
	int64_t count;
};

struct query_profile {
	struct query_run run;
	int64_t total;         /* samples selected by pid/tid/state: the 100% */
	int64_t matched;       /* of those, kept by filter and file glob */
	int kinds;             /* bit (1 << FRAME_x) for every kind seen */
	int mixed;             /* Python frames together with native or kernel ones */
	size_t nframes, nfuncs, nlines, nstacks, nthreads, nsamples;
	struct query_frame *frames;
	struct query_func *funcs;     /* sorted: self desc, then total desc */
	struct query_line *lines;     /* sorted: self desc, then total desc */
	struct query_stack *stacks;   /* sorted: count desc */
	struct query_thread *threads; /* sorted: samples desc */
	struct query_sample *samples;
};

/* Load run `run` (a profile run) with `opts` (NULL: everything).  Errors:
 * -ENOENT no such run, -EINVAL not a profile run, -EIO database; *why says which. */
int query_load(struct store *st, int64_t run, const struct query_opts *opts,
	       struct query_profile **out, char **why);
void query_free(struct query_profile *p);

/* Just the header of a run (any kind). */
int query_run_load(struct store *st, int64_t run, struct query_run *out, char **why);
void query_run_done(struct query_run *r);

/* The smallest count that is at least `pct` percent of the profile's total. */
int64_t query_min_count(const struct query_profile *p, double pct);

/* "function (file:line)", "function (file)", "function (module)" or "function". */
char *query_frame_label(const struct query_frame *f);

/* The call tree.  Node 0 is the root (all matched samples); children are
 * linked first_child/next_sibling, sorted by total descending.  Merged by
 * function: a node per distinct function on a path; by frame: per frame
 * (function and line).  Skip nodes with total < query_min_count(p, min_pct)
 * to prune. */
enum query_tree_key { QUERY_TREE_FUNCTION, QUERY_TREE_FRAME };
struct query_tree_node {
	int func;              /* index into profile->funcs (-1 for the root) */
	int frame;             /* by frame: index into profile->frames; else -1 */
	int parent, first_child, next_sibling; /* indices; -1 none */
	int depth;             /* root 0 */
	int64_t self, total;
};
struct query_tree {
	size_t nnodes;
	struct query_tree_node *nodes;
};
struct query_tree *query_tree_build(const struct query_profile *p, enum query_tree_key key);
void query_tree_free(struct query_tree *t);

/* Collapsed stacks ("a (f.py:1);b (f.py:7) 42\n", root first, ';' in names
 * written as ':'), one line per kept stack, for flamegraph.pl / inferno. */
int query_write_collapsed(const struct query_profile *p, FILE *out);

/* Compare two profiles: the functions (line = 0) or lines whose share of
 * their run changed most, sorted by |delta| descending.  Strings point into
 * a or b, which must outlive the diff. */
struct query_diff_row {
	const char *function, *file;
	int line;              /* 0 for function rows */
	int64_t a_self, b_self, a_total, b_total;
	double a_self_pct, b_self_pct, a_total_pct, b_total_pct;
	double delta_pct;      /* b_self_pct - a_self_pct */
};
struct query_diff {
	size_t nrows;
	struct query_diff_row *rows;
};
enum query_diff_by { QUERY_DIFF_FUNCTIONS, QUERY_DIFF_LINES };
struct query_diff *query_diff_build(const struct query_profile *a, const struct query_profile *b,
				    enum query_diff_by by);
void query_diff_free(struct query_diff *d);

/* Source text of files named by frames, read once and cached.  Relative
 * paths are looked up under `base_dir` (the run's cwd; NULL: cwd). */
struct query_sources;
struct query_sources *query_sources_new(const char *base_dir);
void query_sources_free(struct query_sources *s);
/* The text of line `line` (1-based) without its newline, tabs expanded to
 * 8 columns; NULL when the file cannot be read or is shorter.  The string is
 * valid until the next call: copy it to keep it. */
const char *query_source_line(struct query_sources *s, const char *file, int line);
/* How many lines `file` has; -1 when it cannot be read. */
int query_source_count(struct query_sources *s, const char *file);

#endif
