/* app.h — hpview's state and its screens.  Each screen is one file
 * (viewer/screen-*.c) exporting a struct screen_ops; screens.c registers them
 * all in one table, indexed by enum screen_id.  app.c owns the screen stack,
 * the keys every screen shares, the title and status lines and the prompt. */
#ifndef HP_VIEWER_APP_H
#define HP_VIEWER_APP_H

#include <stdint.h>

#include "query.h"
#include "store.h"

struct viewer;

enum screen_id {
	SCR_RUNS, SCR_FUNCTIONS, SCR_LINES, SCR_TREE, SCR_FLAME, SCR_THREADS,
	SCR_BENCH, SCR_SOURCE, SCR_COMPARE, SCR_HELP, SCR_COUNT
};

struct screen_ops {
	const char *name;
	/* Keys of this screen for the help screen: "KEY\tmeaning", NULL-ended. */
	const char *const *keys;
	/* A new state, or NULL with *why set.  `arg` depends on the screen. */
	void *(*open)(struct viewer *v, const void *arg, char **why);
	void (*close)(void *s);
	/* Draw into rows [y, y + h) of a screen w columns wide. */
	void (*draw)(void *s, struct viewer *v, int y, int h, int w);
	/* 1 when the key was used; unused keys go to the shared handling. */
	int (*key)(void *s, struct viewer *v, int key);
	/* `/`: text typed so far (live), next = 1 for the next match (`n`).  NULL: no search. */
	void (*search)(void *s, struct viewer *v, const char *text, int next);
	/* Printable keys the screen does not use open the search prompt. */
	int type_to_search;
};

extern const struct screen_ops *const screen_table[SCR_COUNT];
extern const struct screen_ops screen_runs_ops, screen_functions_ops, screen_lines_ops,
	screen_tree_ops, screen_flame_ops, screen_threads_ops, screen_bench_ops,
	screen_source_ops, screen_compare_ops, screen_help_ops;

#define VIEWER_MAX_DEPTH 16

struct viewer_screen {
	enum screen_id id;
	void *state;
};

struct viewer {
	struct store *st;
	const char *db_path;
	/* The open run: its kind ("profile" / "bench") and, for profiles, its
	 * samples under the thread filter, shared by every profile screen. */
	int64_t run;
	char kind[16];
	struct query_profile *prof;
	struct query_sources *sources;
	struct query_opts qopts;      /* pid / tid of the thread filter */
	char filter_label[96];
	struct viewer_screen stack[VIEWER_MAX_DEPTH];
	int depth;
	char msg[256];
	int msg_error;
	int quit;
};

/* Open run `id`: load it and show its first screen (Functions or Benchmark). */
int viewer_open_run(struct viewer *v, int64_t id, char **why);
/* Apply a thread filter (pid 0 = all; tid 0 = whole process) to every screen. */
int viewer_set_filter(struct viewer *v, int pid, int tid, const char *label);
/* Push a screen; on failure the message line says why and 0 is returned... */
int viewer_push(struct viewer *v, enum screen_id id, const void *arg);
void viewer_pop(struct viewer *v);
/* The status line's message (error: shown in the error colour). */
void viewer_msg(struct viewer *v, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The screen on top of the stack (Help, while it opens: the one it explains). */
const struct screen_ops *viewer_top(const struct viewer *v);

/* Run the UI until q or a signal; returns the exit status.  exit_after_draw:
 * leave after the first screen is drawn (benchmarks). */
int viewer_run(struct viewer *v, int64_t run, int exit_after_draw);

/* Compare two runs of the same kind (marked in Runs). */
struct compare_arg {
	int64_t a, b;
};

#endif
