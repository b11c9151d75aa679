/* query-source.c — the source text of the lines a report shows, each file
 * read once; tabs expanded so columns line up. */
#include "config.h"

#include "query.h"
#include "query-map.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { SOURCE_MAX_BYTES = 16 << 20, TAB_WIDTH = 8 };

struct source_file {
	char *text;            /* the file with each '\n' replaced by NUL */
	char **lines;          /* start of each line, 1-based via lines[line - 1] */
	size_t nlines;
};

struct query_sources {
	char *base_dir;
	struct smap index;     /* file name as given -> index into files, -1 unreadable */
	struct source_file *files;
	size_t nfiles;
	struct strbuf expanded; /* the last line returned, tabs expanded */
};

struct query_sources *query_sources_new(const char *base_dir)
{
	struct query_sources *s = xcalloc(1, sizeof *s);
	s->base_dir = base_dir && *base_dir ? xstrdup(base_dir) : NULL;
	smap_init(&s->index);
	strbuf_init(&s->expanded);
	return s;
}

void query_sources_free(struct query_sources *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].text);
		free(s->files[i].lines);
	}
	free(s->files);
	smap_done(&s->index);
	strbuf_done(&s->expanded);
	free(s->base_dir);
	free(s);
}

/* Read a regular file of sane size, or NULL. */
static char *read_source(const struct query_sources *s, const char *file, size_t *len)
{
	struct stat sb;
	char *path = file[0] != '/' && s->base_dir ? xasprintf("%s/%s", s->base_dir, file)
						   : xstrdup(file);
	char *text = NULL;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size < SOURCE_MAX_BYTES)
		text = hp_read_file(path, len);
	if (!text && path[0] != '/' && s->base_dir && stat(file, &sb) == 0 &&
	    S_ISREG(sb.st_mode) && sb.st_size < SOURCE_MAX_BYTES)
		text = hp_read_file(file, len);
	free(path);
	return text;
}

/* Load `file` into the cache; its index, or -2 when it cannot be read. */
static int sources_load(struct query_sources *s, const char *file)
{
	struct source_file *f;
	size_t len = 0, cap = 0;
	char *text = file[0] ? read_source(s, file, &len) : NULL;

	if (!text || memchr(text, '\0', len)) { /* missing, or binary: no text to show */
		free(text);
		smap_put(&s->index, file, -2);
		return -2;
	}
	if (s->nfiles % 16 == 0)
		s->files = xreallocarray(s->files, s->nfiles + 16, sizeof *s->files);
	f = &s->files[s->nfiles];
	*f = (struct source_file){ text, NULL, 0 };
	for (char *p = text; p < text + len;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		if (f->nlines == cap) {
			cap = cap ? 2 * cap : 256;
			f->lines = xreallocarray(f->lines, cap, sizeof *f->lines);
		}
		f->lines[f->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	smap_put(&s->index, file, (int)s->nfiles);
	return (int)s->nfiles++;
}

/* The cache index of `file`, loading it the first time; < 0 unreadable. */
static int source_index(struct query_sources *s, const char *file)
{
	int i = smap_get(&s->index, file);
	return i == -1 ? sources_load(s, file) : i; /* -1 not seen yet, -2 unreadable */
}

const char *query_source_line(struct query_sources *s, const char *file, int line)
{
	int i = source_index(s, file);
	const char *p;
	size_t col = 0;

	if (i < 0 || line < 1 || (size_t)line > s->files[i].nlines)
		return NULL;
	s->expanded.len = 0;
	strbuf_add(&s->expanded, "", 0);
	for (p = s->files[i].lines[line - 1]; *p; p++, col++) {
		if (*p == '\r' && p[1] == '\0')
			break;
		if (*p != '\t') {
			strbuf_add(&s->expanded, p, 1);
			continue;
		}
		do
			strbuf_add(&s->expanded, " ", 1);
		while (++col % TAB_WIDTH);
		col--;
	}
	return s->expanded.buf;
}

int query_source_count(struct query_sources *s, const char *file)
{
	int i = source_index(s, file);
	return i < 0 ? -1 : (int)s->files[i].nlines;
}
