/* screen-help.c — Help (`?`): every key, the shared ones and those of the
 * screen it was opened from. */
#include "config.h"

#include "app.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

struct help_screen {
	const struct screen_ops *from;
	size_t top;
};

static const char *const shared_keys[] = {
	"Up Down k j\tmove the selection",
	"PgUp PgDn\tmove a page",
	"Home End g G\tfirst, last row",
	"Enter\topen what is selected",
	"Esc Backspace h\tback to the previous screen",
	"Tab Shift-Tab\tnext, previous screen of the run",
	"/\tsearch as you type (Runs: filter); Enter or Esc ends",
	"n\tnext match of the last search",
	"?\tthis help",
	"r\tread the database again (new runs, new samples)",
	"Ctrl-L\tredraw the screen",
	"q\tquit",
	NULL,
};

static void *help_open(struct viewer *v, const void *arg, char **why)
{
	struct help_screen *s = xcalloc(1, sizeof *s);

	(void)arg;
	(void)why;
	s->from = viewer_top(v); /* Help is not pushed yet */
	return s;
}

static void help_close(void *state)
{
	free(state);
}

/* Draw "KEY<tab>meaning" lines from row `row`; returns the next row. */
static int draw_keys(const char *const *keys, int row, int y, int h, int w, size_t top)
{
	for (size_t i = 0; keys && keys[i]; i++, row++) {
		const char *tab = strchr(keys[i], '\t');
		char key[64];
		int r = row - (int)top;
		size_t n = tab ? (size_t)(tab - keys[i]) : 0;
		if (r < 0 || r >= h)
			continue;
		memcpy(key, keys[i], n < sizeof key ? n : sizeof key - 1);
		key[n < sizeof key ? n : sizeof key - 1] = '\0';
		view_put(y + r, 2, 16, view_attr(VR_HEADER), key, 0);
		view_put(y + r, 19, w - 19, 0, tab ? tab + 1 : keys[i], 0);
	}
	return row;
}

static void help_draw(void *state, struct viewer *v, int y, int h, int w)
{
	struct help_screen *s = state;
	int row = 0;

	(void)v;
	if (s->top == 0)
		view_put(y, 0, w, view_attr(VR_TITLE), " Keys on every screen", 0);
	row = draw_keys(shared_keys, 1, y, h, w, s->top);
	if (s->from && s->from->keys) {
		if (row + 1 - (int)s->top >= 0 && row + 1 - (int)s->top < h)
			view_putf(y + row + 1 - (int)s->top, 0, w, view_attr(VR_TITLE), " Keys of %s",
				  s->from->name);
		draw_keys(s->from->keys, row + 2, y, h, w, s->top);
	}
}

static int help_key(void *state, struct viewer *v, int key)
{
	struct help_screen *s = state;

	(void)v;
	if (key == 'j' || key == KEY_DOWN || key == KEY_NPAGE) {
		s->top++;
		return 1;
	}
	if ((key == 'k' || key == KEY_UP || key == KEY_PPAGE) && s->top > 0) {
		s->top--;
		return 1;
	}
	return 0;
}

const struct screen_ops screen_help_ops = {
	.name = "Help", .keys = NULL, .open = help_open, .close = help_close,
	.draw = help_draw, .key = help_key, .search = NULL,
};
