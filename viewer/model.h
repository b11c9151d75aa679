/* model.h — what rows each hpview screen holds, apart from drawing, so the
 * unit tests can check them against a real database.  Profile models are
 * views over a struct query_profile (lib/query.h); benchmark models over
 * lib/store-bench.h and lib/stats.h. */
#ifndef HP_VIEWER_MODEL_H
#define HP_VIEWER_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "stats.h"
#include "store-bench.h"
#include "store.h"

/* --- Runs ----------------------------------------------------------------- */
struct runs_row {
	int64_t id;
	char kind[16], status[24], name[64];
	char *command;
	int64_t started_ns, ended_ns, samples;
	int marked;
};
struct runs_model {
	struct runs_row *all;
	size_t nall;
	size_t *rows;          /* indices into all that pass the filter */
	size_t nrows;
	char *filter;          /* substring of id, kind, name, status or command */
	int mark_seq;          /* marks are numbered in the order made */
};
int runs_model_load(struct runs_model *m, struct store *st, char **why);
void runs_model_done(struct runs_model *m);
void runs_model_filter(struct runs_model *m, const char *text);
const struct runs_row *runs_model_row(const struct runs_model *m, size_t i);
/* Toggle the mark of visible row i; at most two runs stay marked (the
 * oldest mark is dropped).  Returns the number marked. */
int runs_model_mark(struct runs_model *m, size_t i);
/* The marked runs in marking order: returns how many (0..2). */
int runs_model_marked(const struct runs_model *m, int64_t out[2]);

/* --- Functions and Lines -------------------------------------------------- */
enum rank_sort { RANK_SELF = 0, RANK_TOTAL, RANK_NAME, RANK_NSORTS };
const char *rank_sort_name(enum rank_sort s);

struct funcs_model {
	const struct query_profile *p;
	int *rows;             /* indices into p->funcs (shown ones with samples) */
	size_t nrows;
	enum rank_sort sort;
};
void funcs_model_init(struct funcs_model *m, const struct query_profile *p, enum rank_sort sort);
void funcs_model_done(struct funcs_model *m);
void funcs_model_sort(struct funcs_model *m, enum rank_sort sort);
const struct query_func *funcs_model_row(const struct funcs_model *m, size_t i);
/* The first row at or after `from` (wrapping) whose name or file contains
 * `text` (case-insensitive); -1 when none. */
long funcs_model_find(const struct funcs_model *m, const char *text, size_t from);

struct lines_model {
	const struct query_profile *p;
	int *rows;             /* indices into p->lines */
	size_t nrows;
	enum rank_sort sort;
};
void lines_model_init(struct lines_model *m, const struct query_profile *p, enum rank_sort sort);
void lines_model_done(struct lines_model *m);
void lines_model_sort(struct lines_model *m, enum rank_sort sort);
const struct query_line *lines_model_row(const struct lines_model *m, size_t i);
long lines_model_find(const struct lines_model *m, const char *text, size_t from);

/* --- Source (annotate one file) ------------------------------------------- */
struct source_line {
	char *text;            /* a copy; NULL past the end of a file we could not read */
	int64_t self, total;   /* samples on this line (all functions) */
	int64_t python, native, system;
};
struct source_model {
	char *file;
	size_t nlines;         /* lines 1..nlines are in lines[0..nlines) */
	struct source_line *lines;
	int readable;          /* 0: the file could not be read; only sampled lines */
	int64_t total;         /* the profile's 100% */
	size_t hot;            /* index of the hottest line */
	int mixed;
};
/* Annotate `file` of profile p; `sources` caches file text. */
void source_model_init(struct source_model *m, const struct query_profile *p,
		       struct query_sources *sources, const char *file);
void source_model_done(struct source_model *m);

/* --- Tree ----------------------------------------------------------------- */
struct tree_model {
	const struct query_profile *p;
	struct query_tree *tree;
	unsigned char *open;   /* per node: expanded */
	int *rows;             /* visible nodes in display order */
	size_t nrows;
};
/* Builds the function tree; the root and the hottest path start expanded. */
void tree_model_init(struct tree_model *m, const struct query_profile *p);
void tree_model_done(struct tree_model *m);
void tree_model_toggle(struct tree_model *m, size_t row, int open);
/* Expand every node on the path to node n (so it becomes visible). */
void tree_model_reveal(struct tree_model *m, int node);
long tree_model_row_of(const struct tree_model *m, int node);
const struct query_tree_node *tree_model_node(const struct tree_model *m, size_t row);
long tree_model_find(const struct tree_model *m, const char *text, size_t from);

/* Direct callers and callees of one function, from the stacks. */
struct caller_row {
	int func;              /* index into p->funcs */
	int64_t count;         /* samples where that edge is on the stack */
};
struct callers_model {
	int func;
	struct caller_row *callers, *callees;
	size_t ncallers, ncallees;
};
void callers_model_init(struct callers_model *m, const struct query_profile *p, int func);
void callers_model_done(struct callers_model *m);

/* --- Flame (icicle) ------------------------------------------------------- */
struct flame_cell {
	int node;              /* tree node */
	int depth;             /* row, 0 = the zoom root */
	int x, w;              /* columns */
};
struct flame_model {
	const struct query_profile *p;
	struct query_tree *tree;
	int zoom;              /* node drawn full width */
	int width;             /* columns laid out */
	struct flame_cell *cells;
	size_t ncells, maxdepth;
};
void flame_model_init(struct flame_model *m, const struct query_profile *p);
void flame_model_done(struct flame_model *m);
/* Lay out the cells under `zoom` over `width` columns (cells under one
 * column wide are dropped). */
void flame_model_layout(struct flame_model *m, int zoom, int width);
long flame_model_cell_of(const struct flame_model *m, int node);
/* Navigation from cell c: dir 'h' left, 'l' right, 'k' parent, 'j' child. */
long flame_model_move(const struct flame_model *m, size_t c, int dir);
const char *flame_model_name(const struct flame_model *m, int node);

/* --- Threads filter ------------------------------------------------------- */
struct threads_row {
	int pid, tid;          /* pid 0: everything; tid 0: the whole process */
	char label[96];
	int64_t samples;
};
struct threads_model {
	struct threads_row *rows;
	size_t nrows;
};
/* Rows: "all", then each process, then its threads (from an unfiltered profile). */
void threads_model_init(struct threads_model *m, const struct query_profile *p);
void threads_model_done(struct threads_model *m);

/* --- Benchmark ------------------------------------------------------------ */
struct bench_model {
	struct bench_run run;
	struct bench_value *values; /* warm-ups included, measured order */
	size_t nvalues, nwarmups;
	double *v;                  /* the non-warm-up values */
	size_t nv;
	unsigned char *outlier;     /* per non-warm-up value: stats_outliers flags */
	struct stats_summary sum;
	int have_sum;
	char **meta_keys, **meta_vals;
	size_t nmeta;
	int64_t profile;            /* the profile linked to it (run --profile); 0: none */
};
int bench_model_load(struct bench_model *m, struct store *st, int64_t run, char **why);
void bench_model_done(struct bench_model *m);
/* Histogram of the non-warm-up values in nbins bins between min and max. */
void bench_model_hist(const struct bench_model *m, size_t *bins, int nbins, double *lo, double *hi);

/* --- Compare -------------------------------------------------------------- */
struct bench_compare_model {
	struct bench_model a, b;
	struct stats_comparison cmp;
	int have_cmp;
};
int bench_compare_load(struct bench_compare_model *m, struct store *st, int64_t a, int64_t b,
		       char **why);
void bench_compare_done(struct bench_compare_model *m);
/* "faster", "slower" or "same" for b relative to a. */
const char *bench_compare_verdict(const struct bench_compare_model *m);

struct profile_compare_model {
	struct query_profile *a, *b;
	struct query_diff *funcs, *lines;
};
int profile_compare_load(struct profile_compare_model *m, struct store *st, int64_t a, int64_t b,
			 const struct query_opts *opts, char **why);
void profile_compare_done(struct profile_compare_model *m);

#endif
