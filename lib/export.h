/* export.h — writing query results out: one table model rendered as aligned
 * text, CSV or the report JSON, and the speedscope file format.  Built into
 * hprof (it needs jansson); hpview and top use query.h directly. */
#ifndef HP_EXPORT_H
#define HP_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "query.h"

/* A table of typed cells, filled row by row (a row ends after ncols cells). */
enum export_cell { EXPORT_STR, EXPORT_INT, EXPORT_PCT };
struct export_col {
	const char *name;      /* JSON key and CSV header ("self_pct") */
	const char *title;     /* text header ("SELF%"); NULL: hidden in text */
	enum export_cell type;
	int max_width;         /* text: truncate strings wider than this (0: no limit) */
};
struct export_table;
struct export_table *export_table_new(const struct export_col *cols, size_t ncols);
void export_table_free(struct export_table *t);
void export_table_str(struct export_table *t, const char *s); /* NULL: empty / JSON null */
void export_table_int(struct export_table *t, int64_t v);
void export_table_pct(struct export_table *t, double v); /* NAN: not applicable */
size_t export_table_rows(const struct export_table *t);

/* Aligned columns, numbers right-aligned, "12.3%"; each line cut to `width`
 * display columns (0: no limit).  `indent` prefixes every line. */
int export_table_text(const struct export_table *t, FILE *out, int width, const char *indent);
/* RFC 4180 CSV with a header row. */
int export_table_csv(const struct export_table *t, FILE *out, int header);
/* {"run": {...}, "rows": [...]}: the report JSON other tools read. */
int export_table_json(const struct export_table *t, const struct query_profile *p, FILE *out);

/* The hot-lines table (lib/export-lines.c): the columns for a plain or a
 * mixed run (free() them after the table), and rows pick[0..n) of p->lines;
 * src NULL: no source text. */
struct export_col *export_line_columns(int mixed, size_t *n);
struct export_table *export_lines_table(const struct query_profile *p, struct query_sources *src,
					const int *pick, size_t n, const struct export_col *cols,
					size_t ncols);
/* Sort line indices pick[0..n) hottest first by heat: self samples, or for
 * a Python line of a mixed run all the samples it was the innermost Python
 * line of (its native and system time included). */
void export_lines_sort_heat(const struct query_profile *p, int *pick, size_t n);
/* "python", "native" or "kernel" for a frame kind. */
const char *export_kind_name(int kind);

/* A jansson string from any bytes (non-UTF-8 ones become '?'); a json_t *. */
struct json_t;
struct json_t *export_json_string(const char *s);

/* The speedscope.app file: one sampled profile per thread, frames shared. */
int export_speedscope(const struct query_profile *p, FILE *out);

/* Print `s` cut to `width` display columns (UTF-8 aware; 0: no limit),
 * without trailing blanks. */
void export_put_cut(FILE *out, const char *s, int width);

#endif
