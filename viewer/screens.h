/* screens.h — small helpers several hpview screens share. */
#ifndef HP_VIEWER_SCREENS_H
#define HP_VIEWER_SCREENS_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"

/* count / total, 0 when total is 0. */
double screens_frac(int64_t count, int64_t total);
/* "file.py:12", "libc.so.6" or "" in buf: where a function or line lives. */
void screens_where(char *buf, size_t len, const char *file, int line, const char *module);
/* Open the Source screen on `file`, at `line` (0: the hottest line of
 * `function`, or of the file when function is NULL). */
void screens_annotate(struct viewer *v, const char *file, const char *function, int line);

/* What the Source screen opens on. */
struct source_arg {
	const char *file;
	int line;
};

#endif
