/* view.h — the terminal widgets hpview and `hprof top` share (viewer/libview.la):
 * terminal setup and guaranteed restore, colours with a monochrome fallback,
 * width-aware text for wide characters, proportional bars, and a scrolling
 * table with a selection. */
#ifndef HP_VIEW_H
#define HP_VIEW_H

#include <stddef.h>

/* What each drawn element means; view_attr() maps it to colour or mono. */
enum view_role {
	VR_NORMAL = 0,
	VR_TITLE,   /* top line */
	VR_HEADER,  /* column titles */
	VR_SELECT,  /* the selected row */
	VR_STATUS,  /* bottom line */
	VR_BAR,     /* bars */
	VR_HOT,     /* hot share (>= 10%) */
	VR_WARM,    /* some share (>= 1%) */
	VR_DIM,     /* cold, secondary text */
	VR_GOOD,    /* faster / lost time */
	VR_BAD,     /* slower / gained time */
	VR_MARK,    /* marked rows */
	VR_ERROR,   /* messages */
	VR_FLAME1, VR_FLAME2, VR_FLAME3, /* flame graph cells, alternating */
	VR_NROLES
};

/* Start curses (locale must be set): raw keys, keypad, colours unless NO_COLOR
 * is set or the terminal has none, and handlers that restore the terminal on
 * SIGINT/SIGTERM/SIGHUP (flag, see view_term_signalled) and on crashes
 * (SIGSEGV/SIGBUS/SIGFPE/SIGILL/SIGABRT: endwin, then the signal again). */
int view_term_start(char **why);
/* Restore the terminal; safe to call twice and from atexit. */
void view_term_stop(void);
/* The termination signal received (SIGINT, SIGTERM, SIGHUP), or 0. */
int view_term_signalled(void);
/* Exit the way the signal would have ended us (after view_term_stop). */
void view_term_reraise(int sig);

int view_attr(enum view_role role);
int view_has_color(void);
int view_utf8(void);

/* Display width of UTF-8 text (invalid bytes count as one column). */
int view_strwidth(const char *s);
/* Draw `s` at (y, x) in exactly `w` columns: truncated with "…" when too wide
 * (never splitting a wide character), padded with spaces, right-aligned when
 * `right`. */
void view_put(int y, int x, int w, int attr, const char *s, int right);
/* printf into a width-limited cell. */
void view_putf(int y, int x, int w, int attr, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A horizontal bar of `frac` (0..1) of `w` columns, in eighths of a cell
 * where the terminal has Unicode, '#' otherwise. */
void view_bar(int y, int x, int w, double frac, int attr);
/* One block character (0..8 eighths tall) for histograms: "▁▂▃▄▅▆▇█" or ASCII. */
const char *view_vblock(int eighths);
/* The role of a share: hot, warm or dim. */
enum view_role view_heat(double frac);

/* A column of a table.  width 0: takes the space left (one such column). */
struct view_column {
	const char *title;
	int width;
	int right;   /* right-aligned */
	int bar;     /* draw the cell's fraction as a bar instead of text */
};

/* A scrolling table.  The owner fills the cells through `cell`. */
struct view_table {
	const struct view_column *cols;
	int ncols;
	size_t nrows;
	size_t sel, top;
	int page;    /* rows visible at the last draw */
	/* Write the text of (row, col) into buf; for bar columns set *frac. */
	void (*cell)(void *arg, size_t row, int col, char *buf, size_t len, double *frac);
	/* Optional: the role of a whole row (marks, heat); VR_NORMAL otherwise. */
	enum view_role (*row_role)(void *arg, size_t row);
	void *arg;
};
void view_table_draw(struct view_table *t, int y, int x, int h, int w);
/* Movement keys (arrows, j/k, PgUp/PgDn, Home/End, g/G); 1 when handled. */
int view_table_key(struct view_table *t, int key);
/* Keep sel inside [0, nrows) after the rows changed. */
void view_table_clamp(struct view_table *t);

/* Human figures: "1.23 s", "45.6 ms"; "12.3k" samples. */
void view_fmt_seconds(char *buf, size_t len, double s);
void view_fmt_count(char *buf, size_t len, long long n);
void view_fmt_pct(char *buf, size_t len, double frac);

#endif
