/* test-pylines.c — the line-table decoders against CPython's own answers.
 *
 * For every interpreter present, tests/unit/pylines-fixture.py prints real
 * line tables of a few thousand code objects and, for every instruction
 * offset, the line CPython itself reports (co_lines() on 3.10+,
 * dis.findlinestarts before).  The decoder must agree at every offset. */
#include "config.h"

#include "python/linetable.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	for (; s[0] && s[1] && n < cap; s += 2) {
		unsigned v;
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
	}
	return n;
}

/* Check one interpreter; returns the number of offsets compared. */
static long check_python(const char *py, int minor)
{
	char *cmd, *line = NULL;
	size_t cap = 0;
	static uint8_t tab[1 << 20];
	static char hexbuf[2 << 20];
	struct pyline_table t = { 0 };
	long compared = 0;
	int have = 0, first = 0;
	FILE *p;

	cr_assert(asprintf(&cmd, "'%s' '%s/tests/unit/pylines-fixture.py'", py, TOP_SRCDIR) > 0);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while (getline(&line, &cap, p) > 0) {
		long off;
		int want, nbytes;
		if (strncmp(line, "code ", 5) == 0) {
			pyline_done(&t);
			cr_assert_eq(sscanf(line, "code %d %2097151s %d", &first, hexbuf, &nbytes), 3);
			size_t n = unhex(hexbuf, tab, sizeof tab);
			cr_assert_eq(pyline_decode(minor, tab, n, first, &t), 0,
				     "%s: table of code at line %d rejected", py, first);
			cr_expect_eq(pyline_lookup(&t, -1), first);
			have = 1;
			continue;
		}
		cr_assert(have);
		cr_assert_eq(sscanf(line, "%ld %d", &off, &want), 2);
		cr_assert_eq(pyline_lookup(&t, off), want,
			     "%s: code at line %d, offset %ld: decoded line %d, CPython says %d", py,
			     first, off, pyline_lookup(&t, off), want);
		compared++;
	}
	pyline_done(&t);
	cr_assert_eq(pclose(p), 0, "%s failed", cmd);
	free(line);
	free(cmd);
	return compared;
}

/* Every interpreter present, by the same rule as tests/env.sh. */
Test(pylines, every_offset_of_every_interpreter)
{
	const char *root = getenv("PYENV_ROOT");
	char pat[512];
	int tested = 0;

	for (int minor = 8; minor <= 13; minor++) {
		glob_t g;
		snprintf(pat, sizeof pat, "%s/versions/3.%d.*/bin/python3",
			 root ? root : "/root/.pyenv", minor);
		if (glob(pat, 0, NULL, &g) == 0) {
			long n = check_python(g.gl_pathv[0], minor);
			cr_expect_gt(n, 10000, "%s: only %ld offsets", g.gl_pathv[0], n);
			tested++;
		}
		globfree(&g);
	}
	if (access("/usr/bin/python3.11", X_OK) == 0) {
		check_python("/usr/bin/python3.11", 11);
		tested++;
	}
	if (!tested)
		cr_skip_test("no CPython 3.8-3.13 interpreter installed");
}

/* Hand-made tables for the corner cases, each worked out from the format. */
Test(pylines, lnotab_big_line_step)
{
	/* 3.8: +4 bytes line+0, then a 300-line jump split as 127,127,46 */
	const uint8_t tab[] = { 4, 0, 0, 127, 0, 127, 2, 46 };
	struct pyline_table t;
	cr_assert_eq(pyline_decode(8, tab, sizeof tab, 10, &t), 0);
	cr_expect_eq(pyline_lookup(&t, 0), 10);
	cr_expect_eq(pyline_lookup(&t, 4), 264);
	cr_expect_eq(pyline_lookup(&t, 6), 310);
	cr_expect_eq(pyline_lookup(&t, 1000), 310);
	pyline_done(&t);
}

Test(pylines, location_table_rejects_garbage)
{
	const uint8_t bad[] = { 0x05, 0x00 }; /* first byte lacks the entry bit */
	const uint8_t cut[] = { 0x80 | (14 << 3), 0x42 }; /* long form cut short */
	struct pyline_table t;
	cr_expect_eq(pyline_decode(11, bad, sizeof bad, 1, &t), -EINVAL);
	cr_expect_eq(pyline_decode(12, cut, sizeof cut, 1, &t), -EINVAL);
}
