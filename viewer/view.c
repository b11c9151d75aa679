/* view.c — terminal setup/restore, colours, width-aware text, bars and the
 * scrolling table shared by hpview and `hprof top`. */
#include "config.h"

#include "view.h"
#include "util.h"

#include <errno.h>
#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int term_active;
static int has_color_flag;
static int utf8_flag;
static volatile sig_atomic_t term_sig;
static int role_attr[VR_NROLES];

static void on_term_signal(int sig)
{
	term_sig = sig;
}

/* A crash: give the terminal back first, then die of the same signal so the
 * core dump and the exit status stay what they would have been. */
static void on_crash_signal(int sig)
{
	if (term_active)
		endwin();
	term_active = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int term_sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term_signal; /* no SA_RESTART: getch returns at once */
	for (size_t i = 0; i < HP_ARRAY_SIZE(term_sigs); i++)
		sigaction(term_sigs[i], &sa, NULL);
	sa.sa_handler = on_crash_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < HP_ARRAY_SIZE(crash_sigs); i++)
		sigaction(crash_sigs[i], &sa, NULL);
}

static void setup_roles(void)
{
	static const short fg[VR_NROLES] = {
		[VR_TITLE] = COLOR_BLACK, [VR_HEADER] = COLOR_CYAN, [VR_SELECT] = COLOR_BLACK,
		[VR_STATUS] = COLOR_BLACK, [VR_BAR] = COLOR_GREEN, [VR_HOT] = COLOR_RED,
		[VR_WARM] = COLOR_YELLOW, [VR_DIM] = COLOR_BLUE, [VR_GOOD] = COLOR_GREEN,
		[VR_BAD] = COLOR_RED, [VR_MARK] = COLOR_MAGENTA, [VR_ERROR] = COLOR_WHITE,
		[VR_FLAME1] = COLOR_BLACK, [VR_FLAME2] = COLOR_BLACK, [VR_FLAME3] = COLOR_BLACK,
	};
	static const short bg[VR_NROLES] = {
		[VR_TITLE] = COLOR_CYAN, [VR_SELECT] = COLOR_WHITE, [VR_STATUS] = COLOR_CYAN,
		[VR_ERROR] = COLOR_RED, [VR_FLAME1] = COLOR_RED, [VR_FLAME2] = COLOR_YELLOW,
		[VR_FLAME3] = COLOR_MAGENTA,
	};
	static const int mono[VR_NROLES] = {
		[VR_TITLE] = A_REVERSE | A_BOLD, [VR_HEADER] = A_BOLD | A_UNDERLINE,
		[VR_SELECT] = A_REVERSE, [VR_STATUS] = A_REVERSE, [VR_HOT] = A_BOLD,
		[VR_DIM] = A_DIM, [VR_GOOD] = A_BOLD, [VR_BAD] = A_BOLD | A_UNDERLINE,
		[VR_MARK] = A_BOLD, [VR_ERROR] = A_REVERSE | A_BOLD,
		[VR_FLAME1] = A_REVERSE, [VR_FLAME2] = A_UNDERLINE, [VR_FLAME3] = A_REVERSE | A_DIM,
	};
	for (int r = 0; r < VR_NROLES; r++)
		role_attr[r] = mono[r];
	if (!has_color_flag)
		return;
	for (int r = 1; r < VR_NROLES; r++) {
		short b = bg[r] ? bg[r] : -1;
		init_pair((short)r, fg[r], b);
		role_attr[r] = COLOR_PAIR(r);
	}
	role_attr[VR_HEADER] |= A_BOLD;
	role_attr[VR_HOT] |= A_BOLD;
	role_attr[VR_SELECT] = A_REVERSE;
	role_attr[VR_MARK] |= A_BOLD;
}

int view_term_start(char **why)
{
	const char *nc = getenv("NO_COLOR");
	const char *cs = nl_langinfo(CODESET);

	utf8_flag = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	install_handlers();
	if (!initscr())
		return hp_fail(why, -EIO, "cannot start the terminal UI (is TERM set?)");
	term_active = 1;
	atexit(view_term_stop);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	has_color_flag = !(nc && *nc) && has_colors();
	if (has_color_flag && (start_color() != OK || use_default_colors() != OK))
		has_color_flag = has_colors() && start_color() == OK;
	setup_roles();
	return 0;
}

void view_term_stop(void)
{
	if (!term_active)
		return;
	term_active = 0;
	curs_set(1);
	endwin();
}

int view_term_signalled(void)
{
	return term_sig;
}

void view_term_reraise(int sig)
{
	view_term_stop();
	signal(sig, SIG_DFL);
	raise(sig);
	exit(128 + sig);
}

int view_attr(enum view_role role)
{
	return role >= 0 && role < VR_NROLES ? role_attr[role] : 0;
}

int view_has_color(void)
{
	return has_color_flag;
}

int view_utf8(void)
{
	return utf8_flag;
}

/* Decode one character; sets *cw to its width (1 for unprintable bytes). */
static size_t next_char(const char *s, size_t n, wchar_t *wc, int *cw)
{
	mbstate_t ps;
	size_t k;

	memset(&ps, 0, sizeof ps);
	k = mbrtowc(wc, s, n, &ps);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*wc = L'?';
		*cw = 1;
		return 1;
	}
	*cw = wcwidth(*wc);
	if (*cw < 0) {
		*wc = L'?';
		*cw = 1;
	}
	return k;
}

int view_strwidth(const char *s)
{
	size_t n = strlen(s);
	int w = 0, cw;
	wchar_t wc;

	while (n) {
		size_t k = next_char(s, n, &wc, &cw);
		s += k;
		n -= k;
		w += cw;
	}
	return w;
}

/* Convert up to `w` columns of s into out (room for w + 1 wide chars). */
static int fit_text(const char *s, int w, wchar_t *out, int *used)
{
	size_t n = strlen(s), o = 0;
	int col = 0, cw, total = view_strwidth(s);
	int limit = total > w ? w - 1 : w; /* keep one column for the ellipsis */
	wchar_t wc;

	while (n) {
		size_t k = next_char(s, n, &wc, &cw);
		if (col + cw > limit)
			break;
		out[o++] = wc;
		col += cw;
		s += k;
		n -= k;
	}
	if (total > w && w > 0) {
		out[o++] = utf8_flag ? L'\u2026' : L'~';
		col++;
	}
	out[o] = L'\0';
	*used = col;
	return (int)o;
}

void view_put(int y, int x, int w, int attr, const char *s, int right)
{
	wchar_t *buf;
	int used, len, pad;

	if (w <= 0)
		return;
	buf = xcalloc((size_t)w + 2, sizeof *buf);
	len = fit_text(s, w, buf, &used);
	pad = w - used;
	attron(attr);
	move(y, x);
	if (right)
		for (int i = 0; i < pad; i++)
			addch(' ');
	addnwstr(buf, len);
	if (!right)
		for (int i = 0; i < pad; i++)
			addch(' ');
	attroff(attr);
	free(buf);
}

void view_putf(int y, int x, int w, int attr, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	view_put(y, x, w, attr, s, 0);
	free(s);
}

void view_bar(int y, int x, int w, double frac, int attr)
{
	static const wchar_t *const eighths[] = {
		L"", L"\u258f", L"\u258e", L"\u258d", L"\u258c", L"\u258b", L"\u258a", L"\u2589",
	};
	int units, full, part;

	if (w <= 0)
		return;
	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	units = (int)(frac * w * 8 + 0.5);
	full = units / 8;
	part = units % 8;
	move(y, x);
	attron(attr);
	for (int i = 0; i < full; i++) {
		if (utf8_flag)
			addwstr(L"\u2588");
		else
			addch('#');
	}
	if (part && full < w) {
		if (utf8_flag)
			addwstr(eighths[part]);
		else
			addch(part >= 4 ? '+' : '.');
		full++;
	}
	attroff(attr);
	for (int i = full; i < w; i++)
		addch(' ');
}

const char *view_vblock(int eighths)
{
	static const char *const u[] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
					 "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char *const a[] = { " ", ".", ".", "_", "_", "o", "o", "O", "#" };
	if (eighths < 0)
		eighths = 0;
	if (eighths > 8)
		eighths = 8;
	return utf8_flag ? u[eighths] : a[eighths];
}

enum view_role view_heat(double frac)
{
	if (frac >= 0.10)
		return VR_HOT;
	if (frac >= 0.01)
		return VR_WARM;
	return VR_DIM;
}

/* Column x positions for a row of width w; the flexible column takes the rest. */
static void layout(const struct view_table *t, int w, int *xs, int *ws)
{
	int fixed = 0, flex = -1, x = 0;

	for (int c = 0; c < t->ncols; c++) {
		if (t->cols[c].width == 0)
			flex = c;
		fixed += t->cols[c].width + (c ? 1 : 0);
	}
	for (int c = 0; c < t->ncols; c++) {
		ws[c] = t->cols[c].width;
		if (c == flex)
			ws[c] = w - fixed > 4 ? w - fixed : 4;
		xs[c] = x;
		x += ws[c] + 1;
		if (xs[c] + ws[c] > w)
			ws[c] = w - xs[c] > 0 ? w - xs[c] : 0;
	}
}

static void draw_row(struct view_table *t, size_t row, int y, int x, int w, const int *xs,
		     const int *ws)
{
	char buf[512];
	int sel = row == t->sel;
	enum view_role role = t->row_role ? t->row_role(t->arg, row) : VR_NORMAL;
	int attr = sel ? view_attr(VR_SELECT) : view_attr(role);

	view_put(y, x, w, attr, "", 0);
	for (int c = 0; c < t->ncols; c++) {
		double frac = 0;
		if (ws[c] <= 0)
			continue;
		buf[0] = '\0';
		t->cell(t->arg, row, c, buf, sizeof buf, &frac);
		if (t->cols[c].bar)
			view_bar(y, x + xs[c], ws[c], frac,
				 sel ? view_attr(VR_SELECT) : view_attr(VR_BAR));
		else
			view_put(y, x + xs[c], ws[c], attr, buf, t->cols[c].right);
	}
}

void view_table_draw(struct view_table *t, int y, int x, int h, int w)
{
	int xs[32], ws[32];
	int hattr = view_attr(VR_HEADER);

	if (h < 2 || w < 4 || t->ncols > 32)
		return;
	layout(t, w, xs, ws);
	view_put(y, x, w, hattr, "", 0);
	for (int c = 0; c < t->ncols; c++)
		if (ws[c] > 0)
			view_put(y, x + xs[c], ws[c], hattr, t->cols[c].title, t->cols[c].right);
	t->page = h - 1;
	view_table_clamp(t);
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)t->page)
		t->top = t->sel - (size_t)t->page + 1;
	if (t->top + (size_t)t->page > t->nrows)
		t->top = t->nrows > (size_t)t->page ? t->nrows - (size_t)t->page : 0;
	for (int i = 0; i < t->page; i++) {
		size_t row = t->top + (size_t)i;
		if (row < t->nrows)
			draw_row(t, row, y + 1 + i, x, w, xs, ws);
		else
			view_put(y + 1 + i, x, w, 0, "", 0);
	}
}

void view_table_clamp(struct view_table *t)
{
	if (t->nrows == 0)
		t->sel = t->top = 0;
	else if (t->sel >= t->nrows)
		t->sel = t->nrows - 1;
}

int view_table_key(struct view_table *t, int key)
{
	size_t page = t->page > 1 ? (size_t)t->page - 1 : 1;

	switch (key) {
	case KEY_UP: case 'k':
		if (t->sel > 0)
			t->sel--;
		break;
	case KEY_DOWN: case 'j':
		if (t->sel + 1 < t->nrows)
			t->sel++;
		break;
	case KEY_PPAGE:
		t->sel = t->sel > page ? t->sel - page : 0;
		break;
	case KEY_NPAGE:
		t->sel += page;
		break;
	case KEY_HOME: case 'g':
		t->sel = 0;
		break;
	case KEY_END: case 'G':
		t->sel = t->nrows ? t->nrows - 1 : 0;
		break;
	default:
		return 0;
	}
	view_table_clamp(t);
	return 1;
}

void view_fmt_seconds(char *buf, size_t len, double s)
{
	double a = s < 0 ? -s : s;
	if (s == 0)
		snprintf(buf, len, "0");
	else if (a >= 100)
		snprintf(buf, len, "%.0f s", s);
	else if (a >= 1)
		snprintf(buf, len, "%.3g s", s);
	else if (a >= 1e-3)
		snprintf(buf, len, "%.3g ms", s * 1e3);
	else if (a >= 1e-6)
		snprintf(buf, len, "%.3g us", s * 1e6);
	else
		snprintf(buf, len, "%.3g ns", s * 1e9);
}

void view_fmt_count(char *buf, size_t len, long long n)
{
	if (n >= 10000000)
		snprintf(buf, len, "%.1fM", (double)n / 1e6);
	else if (n >= 100000)
		snprintf(buf, len, "%.0fk", (double)n / 1e3);
	else
		snprintf(buf, len, "%lld", n);
}

void view_fmt_pct(char *buf, size_t len, double frac)
{
	snprintf(buf, len, "%.1f%%", frac * 100);
}
