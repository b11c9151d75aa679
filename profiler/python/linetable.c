/* linetable.c — decoders for co_lnotab (3.8-3.9), the 3.10 co_linetable and
 * the 3.11+ location table, written from CPython's Objects/lnotab_notes.txt
 * and Objects/locations.md. */
#include "config.h"

#include "python/linetable.h"

#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct builder {
	struct pyline_table *t;
	size_t cap;
};

static void push(struct builder *b, uint32_t start, uint32_t end, int line)
{
	struct pyline_table *t = b->t;

	if (end <= start)
		return;
	if (t->n && t->r[t->n - 1].end == start && t->r[t->n - 1].line == line) {
		t->r[t->n - 1].end = end; /* merge neighbours on the same line */
		return;
	}
	if (t->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		t->r = xreallocarray(t->r, b->cap, sizeof *t->r);
	}
	t->r[t->n++] = (struct pyline_range){ start, end, line };
}

/* 3.8-3.9: (address increment, signed line increment) pairs; the line
 * increment applies to the addresses after the address increment. */
static int decode_lnotab(struct builder *b, const uint8_t *p, size_t len, int line)
{
	uint32_t addr = 0;

	if (len % 2)
		return -EINVAL;
	for (size_t i = 0; i < len; i += 2) {
		push(b, addr, addr + p[i], line);
		addr += p[i];
		line += (int8_t)p[i + 1];
	}
	push(b, addr, UINT32_MAX, line);
	return 0;
}

/* 3.10: (byte length, signed line delta) pairs; the delta applies to this
 * range; -128 means the range has no line. */
static int decode_310(struct builder *b, const uint8_t *p, size_t len, int line)
{
	uint32_t addr = 0;

	if (len % 2)
		return -EINVAL;
	for (size_t i = 0; i < len; i += 2) {
		int8_t d = (int8_t)p[i + 1];
		int this_line = 0;
		if (d != -128) {
			line += d;
			this_line = line;
		}
		push(b, addr, addr + p[i], this_line);
		addr += p[i];
	}
	return 0;
}

/* 6-bit little-endian chunks, 0x40 = more follows. */
static int read_varint(const uint8_t *p, size_t len, size_t *i, uint32_t *out)
{
	uint32_t v = 0;
	unsigned shift = 0;

	for (;;) {
		if (*i >= len || shift > 30)
			return -EINVAL;
		uint8_t c = p[(*i)++];
		v |= (uint32_t)(c & 0x3f) << shift;
		shift += 6;
		if (!(c & 0x40))
			break;
	}
	*out = v;
	return 0;
}

static int read_svarint(const uint8_t *p, size_t len, size_t *i, int *out)
{
	uint32_t v;
	if (read_varint(p, len, i, &v) < 0)
		return -EINVAL;
	*out = (v & 1) ? -(int)(v >> 1) : (int)(v >> 1);
	return 0;
}

/* The bytes following an entry's first byte, by its code; updates *line
 * (the running start line) and sets *has_line. */
static int location_entry(unsigned code, const uint8_t *p, size_t len, size_t *i, int *line,
			  int *has_line)
{
	uint32_t skip;
	int d;

	*has_line = 1;
	if (code == 15) { /* no location */
		*has_line = 0;
		return 0;
	}
	if (code == 14) { /* long form: line delta, end line, column, end column */
		if (read_svarint(p, len, i, &d) < 0 || read_varint(p, len, i, &skip) < 0 ||
		    read_varint(p, len, i, &skip) < 0 || read_varint(p, len, i, &skip) < 0)
			return -EINVAL;
		*line += d;
		return 0;
	}
	if (code == 13) { /* no column: line delta */
		if (read_svarint(p, len, i, &d) < 0)
			return -EINVAL;
		*line += d;
		return 0;
	}
	if (code >= 10) { /* one line: delta = code - 10, two column bytes */
		*line += (int)code - 10;
		*i += 2;
	} else {          /* short form: same line, one column byte */
		*i += 1;
	}
	return *i <= len ? 0 : -EINVAL;
}

/* 3.11+: entries of (first byte: 1 CCCC LLL) = code C, length L+1 units. */
static int decode_locations(struct builder *b, const uint8_t *p, size_t len, int line)
{
	uint32_t addr = 0;
	size_t i = 0;

	while (i < len) {
		uint8_t first = p[i++];
		int has_line;
		if (!(first & 0x80))
			return -EINVAL;
		uint32_t units = (first & 7) + 1;
		if (location_entry((first >> 3) & 15, p, len, &i, &line, &has_line) < 0)
			return -EINVAL;
		push(b, addr, addr + 2 * units, has_line ? line : 0);
		addr += 2 * units;
	}
	return 0;
}

int pyline_decode(int minor, const uint8_t *tab, size_t len, int firstlineno,
		  struct pyline_table *out)
{
	struct builder b = { out, 0 };
	int ret;

	memset(out, 0, sizeof *out);
	out->firstlineno = firstlineno;
	if (minor <= 9)
		ret = decode_lnotab(&b, tab, len, firstlineno);
	else if (minor == 10)
		ret = decode_310(&b, tab, len, firstlineno);
	else
		ret = decode_locations(&b, tab, len, firstlineno);
	if (ret < 0)
		pyline_done(out);
	out->firstlineno = firstlineno;
	return ret;
}

void pyline_done(struct pyline_table *t)
{
	free(t->r);
	t->r = NULL;
	t->n = 0;
}

int pyline_lookup(const struct pyline_table *t, long off)
{
	size_t lo = 0, hi = t->n;

	if (off < 0)
		return t->firstlineno;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint64_t)off < t->r[mid].start)
			hi = mid;
		else if ((uint64_t)off >= t->r[mid].end)
			lo = mid + 1;
		else
			return t->r[mid].line;
	}
	return 0;
}

long pyline_offset(int minor, long lasti)
{
	if (lasti < 0)
		return -1;
	return minor <= 9 ? lasti : lasti * 2;
}
