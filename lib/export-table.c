/* export-table.c — one table of typed cells written as aligned text, CSV or
 * the report JSON ({"run": {...}, "rows": [...]}), so every report mode
 * fills rows once and gets every format. */
#include "config.h"

#include "export.h"
#include "util.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	char *s;               /* EXPORT_STR (NULL: none) */
	int64_t i;
	double pct;
};

struct export_table {
	const struct export_col *cols;
	size_t ncols, ncells, cap;
	struct cell *cells;
};

struct export_table *export_table_new(const struct export_col *cols, size_t ncols)
{
	struct export_table *t = xcalloc(1, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

void export_table_free(struct export_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].s);
	free(t->cells);
	free(t);
}

static struct cell *next_cell(struct export_table *t)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cells = xreallocarray(t->cells, t->cap, sizeof *t->cells);
	}
	memset(&t->cells[t->ncells], 0, sizeof *t->cells);
	return &t->cells[t->ncells++];
}

void export_table_str(struct export_table *t, const char *s)
{
	next_cell(t)->s = s ? xstrdup(s) : NULL;
}

void export_table_int(struct export_table *t, int64_t v)
{
	next_cell(t)->i = v;
}

void export_table_pct(struct export_table *t, double v)
{
	next_cell(t)->pct = v;
}

size_t export_table_rows(const struct export_table *t)
{
	return t->ncells / t->ncols;
}

/* Display columns of a UTF-8 string (continuation bytes take none). */
static int display_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* Bytes of the longest prefix of `s` that fits in `width` columns (0: all). */
static size_t cut_len(const char *s, int width)
{
	int w = 0;
	const char *p = s;
	if (width <= 0)
		return strlen(s);
	for (; *p; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && ++w > width)
			break;
	return (size_t)(p - s);
}

void export_put_cut(FILE *out, const char *s, int width)
{
	size_t n = cut_len(s, width);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, out);
}

/* A cell as text: numbers as "123" and "12.3%". */
static char *cell_text(const struct export_col *c, const struct cell *v)
{
	if (c->type == EXPORT_INT)
		return xasprintf("%lld", (long long)v->i);
	if (c->type == EXPORT_PCT)
		return isnan(v->pct) ? xstrdup("") : xasprintf("%.1f%%", v->pct);
	return xstrdup(v->s ? v->s : "");
}

/* A string cut to `max` display columns, with "..." when it was longer. */
static char *cut_text(char *s, int max)
{
	char *cut;
	if (max <= 3 || display_width(s) <= max)
		return s;
	cut = xasprintf("%.*s...", (int)cut_len(s, max - 3), s);
	free(s);
	return cut;
}

int export_table_text(const struct export_table *t, FILE *out, int width, const char *indent)
{
	size_t nrows = export_table_rows(t);
	char **text = xcalloc(t->ncells + 1, sizeof *text);
	int *w = xcalloc(t->ncols, sizeof *w);
	struct strbuf line;

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = t->cols[c].title ? display_width(t->cols[c].title) : 0;
	for (size_t i = 0; i < t->ncells; i++) {
		const struct export_col *c = &t->cols[i % t->ncols];
		if (!c->title)
			continue;
		text[i] = cut_text(cell_text(c, &t->cells[i]), c->max_width);
		if (display_width(text[i]) > w[i % t->ncols])
			w[i % t->ncols] = display_width(text[i]);
	}
	strbuf_init(&line);
	for (size_t r = 0; r <= nrows; r++) {
		line.len = 0;
		strbuf_puts(&line, indent ? indent : "");
		for (size_t c = 0, sep = 0; c < t->ncols; c++) {
			const struct export_col *col = &t->cols[c];
			const char *s = r == 0 ? col->title : text[(r - 1) * t->ncols + c];
			int pad;
			if (!col->title)
				continue;
			pad = w[c] - display_width(s);
			strbuf_puts(&line, sep++ ? "  " : "");
			if (col->type != EXPORT_STR)
				strbuf_printf(&line, "%*s", pad, "");
			strbuf_puts(&line, s);
			if (col->type == EXPORT_STR && c + 1 < t->ncols)
				strbuf_printf(&line, "%*s", pad, "");
		}
		export_put_cut(out, line.buf, width);
		fputc('\n', out);
	}
	strbuf_done(&line);
	for (size_t i = 0; i < t->ncells; i++)
		free(text[i]);
	free(text);
	free(w);
	return ferror(out) ? -1 : 0;
}

/* One CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

int export_table_csv(const struct export_table *t, FILE *out, int header)
{
	for (size_t c = 0; header && c < t->ncols; c++)
		fprintf(out, "%s%s", c ? "," : "", t->cols[c].name);
	if (header)
		fputc('\n', out);
	for (size_t i = 0; i < t->ncells; i++) {
		const struct export_col *c = &t->cols[i % t->ncols];
		if (i % t->ncols)
			fputc(',', out);
		if (c->type == EXPORT_INT)
			fprintf(out, "%lld", (long long)t->cells[i].i);
		else if (c->type == EXPORT_PCT && !isnan(t->cells[i].pct))
			fprintf(out, "%.3f", t->cells[i].pct);
		else if (c->type == EXPORT_PCT)
			; /* not applicable: an empty field */
		else
			csv_field(out, t->cells[i].s ? t->cells[i].s : "");
		if (i % t->ncols == t->ncols - 1)
			fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

/* A percentage rounded to 3 decimals, so JSON does not print 17 digits. */
static json_t *json_pct(double v)
{
	if (isnan(v))
		return json_null();
	return json_real(round(v * 1000.0) / 1000.0);
}

/* A JSON string even from bytes that are not UTF-8 (source files, symbols):
 * invalid bytes become '?'. */
json_t *export_json_string(const char *s)
{
	json_t *j = json_string(s);
	char *copy;
	if (j)
		return j;
	copy = xstrdup(s);
	for (unsigned char *c = (unsigned char *)copy; *c; c++)
		if (*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *json_str_or_null(const char *s)
{
	return s && *s ? export_json_string(s) : json_null();
}

/* The run's header, plus what the selection kept. */
static json_t *run_json(const struct query_profile *p)
{
	const struct query_run *r = &p->run;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "name", json_str_or_null(r->name));
	json_object_set_new(o, "command", export_json_string(r->command));
	json_object_set_new(o, "cwd", json_str_or_null(r->cwd));
	json_object_set_new(o, "status", export_json_string(r->status));
	json_object_set_new(o, "exit_code", r->exit_code == INT32_MIN ? json_null() : json_integer(r->exit_code));
	json_object_set_new(o, "pid", json_integer(r->pid));
	json_object_set_new(o, "sampler", json_str_or_null(r->sampler));
	json_object_set_new(o, "mode", json_str_or_null(r->mode));
	json_object_set_new(o, "rate_hz", json_real(r->rate_hz));
	json_object_set_new(o, "python_version", json_str_or_null(r->python_version));
	json_object_set_new(o, "started_ns", json_integer(r->started_ns));
	json_object_set_new(o, "ended_ns", r->ended_ns ? json_integer(r->ended_ns) : json_null());
	json_object_set_new(o, "duration_s", json_real(r->duration_s));
	json_object_set_new(o, "samples", json_integer(r->samples));
	json_object_set_new(o, "errors", json_integer(r->errors));
	json_object_set_new(o, "error_rate", json_real(r->error_rate));
	json_object_set_new(o, "selected", json_integer(p->total));
	json_object_set_new(o, "matched", json_integer(p->matched));
	json_object_set_new(o, "mixed", json_boolean(p->mixed));
	return o;
}

int export_table_json(const struct export_table *t, const struct query_profile *p, FILE *out)
{
	json_t *root = json_object(), *rows = json_array(), *row = NULL;
	int ret;

	for (size_t i = 0; i < t->ncells; i++) {
		const struct export_col *c = &t->cols[i % t->ncols];
		const struct cell *v = &t->cells[i];
		if (i % t->ncols == 0)
			json_array_append_new(rows, row = json_object());
		json_object_set_new(row, c->name,
				    c->type == EXPORT_INT ? json_integer(v->i) :
				    c->type == EXPORT_PCT ? json_pct(v->pct) :
				    v->s ? export_json_string(v->s) : json_null());
	}
	json_object_set_new(root, "run", run_json(p));
	json_object_set_new(root, "rows", rows);
	ret = json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	fputc('\n', out);
	json_decref(root);
	return ret < 0 || ferror(out) ? -1 : 0;
}
