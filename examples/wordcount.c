/* wordcount.c — the lessons' word count, in C, as a native workload to profile.
 *
 * Same algorithm and output as examples/wordcount.py: for every line, replace
 * each delimiter by a space with one pass per delimiter (the deliberate hot
 * spot, in replace_delimiters()), split on white space, lower-case each word
 * and count it; write "word count" lines, most frequent first, ties by word.
 * Words are split and lower-cased exactly as Python's str.split() and
 * str.lower() do on UTF-8 text (bytes that are not UTF-8 stay as they are,
 * like Python's surrogateescape), so both versions write the same bytes.
 *
 * usage: wordcount INFILE OUTFILE [MIN_LENGTH]
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L	/* getline() when built on its own */
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unicode-tables.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The lesson's functions stay real functions at -O2, so a profile (even one
 * that reads only the symbol table) names them instead of main. */
#if defined(__GNUC__)
#define LESSON_FUNCTION __attribute__((noinline))
#else
#define LESSON_FUNCTION
#endif

static const char DELIMITERS[] = ".,;:?$@^<>#%`!*-=()[]{}/\"'";

struct entry {
	char *word;
	size_t len;
	unsigned long count;
	uint64_t hash;
};

/* Open-addressing hash table from lower-cased word to count. */
struct counts {
	struct entry *slots;
	size_t cap, used;
};

/* Scratch space for one word being lower-cased. */
struct scratch {
	uint32_t *cps;
	char *bytes;
	size_t cap;
};

static void *check_alloc(void *p)
{
	if (!p) {
		fputs("wordcount: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	return check_alloc(realloc(p, n));
}

/* Decode one code point as Python's strict UTF-8 decoder would; a byte that
 * does not start a valid sequence becomes U+DC80..U+DCFF (surrogateescape). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned b = s[0], lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF)
		len = 2;
	else if (b >= 0xE0 && b <= 0xEF)
		len = 3;
	else if (b >= 0xF0 && b <= 0xF4)
		len = 4;
	else
		goto invalid;
	/* The second byte's range rules out overlongs, surrogates, > U+10FFFF. */
	if (b == 0xE0)
		lo = 0xA0;
	else if (b == 0xED)
		hi = 0x9F;
	else if (b == 0xF0)
		lo = 0x90;
	else if (b == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		goto invalid;
	*cp = b & (0xFF >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto invalid;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return len;
invalid:
	*cp = 0xDC00 | b;
	return 1;
}

/* Encode a code point; an escaped byte U+DC80..U+DCFF goes back as that byte. */
static size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80 || (cp >= 0xDC80 && cp <= 0xDCFF)) {
		o[0] = cp & 0xFF;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = 0xC0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3F);
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = 0xE0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F);
		return 3;
	}
	o[0] = 0xF0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3F);
	o[2] = 0x80 | ((cp >> 6) & 0x3F);
	o[3] = 0x80 | (cp & 0x3F);
	return 4;
}

static int in_ranges(const struct uc_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1C && cp <= 0x1F);
	return in_ranges(uc_space, N_ELEMS(uc_space), cp);
}

/* Simple (one code point) lower-case mapping. */
static uint32_t lower_simple(uint32_t cp)
{
	size_t lo = 0, hi = N_ELEMS(uc_lower);

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct uc_lower *r = &uc_lower[mid];

		if (cp < r->first)
			hi = mid;
		else if (cp > r->last)
			lo = mid + 1;
		else
			return (cp - r->first) % r->stride ? cp : cp + r->delta;
	}
	return cp;
}

/* Is there a cased letter next to position i, skipping case-ignorable ones?
 * (Python's rule for when a capital sigma ends a word.) */
static int cased_beside(const uint32_t *cps, size_t n, size_t i, int step)
{
	for (i += step; i < n; i += step) {
		if (!in_ranges(uc_case_ignorable, N_ELEMS(uc_case_ignorable), cps[i]))
			return in_ranges(uc_cased, N_ELEMS(uc_cased), cps[i]);
	}
	return 0;
}

static void scratch_reserve(struct scratch *s, size_t len)
{
	if (len <= s->cap)
		return;
	s->cap = len * 2;
	s->cps = xrealloc(s->cps, s->cap * sizeof(*s->cps));
	/* Lower-casing grows UTF-8 by at most half (U+0130 → "i" U+0307). */
	s->bytes = xrealloc(s->bytes, s->cap * 2 + 4);
}

/* Lower-case a word like str.lower(); returns the result in s->bytes. */
static size_t lower_word(const char *w, size_t len, struct scratch *s)
{
	size_t i, n = 0, out = 0;
	int ascii = 1;

	scratch_reserve(s, len);
	for (i = 0; i < len; i++) {
		unsigned char c = w[i];

		ascii &= c < 0x80;
		s->bytes[i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
	}
	if (ascii)
		return len;
	for (i = 0; i < len; n++)
		i += utf8_decode((const unsigned char *)w + i, len - i, &s->cps[n]);
	for (i = 0; i < n; i++) {
		uint32_t cp = s->cps[i];

		if (cp == 0x130) {
			out += utf8_encode('i', s->bytes + out);
			cp = 0x307;
		} else if (cp == 0x3A3) {
			int final = cased_beside(s->cps, n, i, -1) &&
				    !cased_beside(s->cps, n, i, 1);
			cp = final ? 0x3C2 : 0x3C3;
		} else {
			cp = lower_simple(cp);
		}
		out += utf8_encode(cp, s->bytes + out);
	}
	return out;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

static void counts_grow(struct counts *c)
{
	struct entry *old = c->slots;
	size_t old_cap = c->cap, i;

	c->cap = old_cap ? old_cap * 2 : 1024;
	c->slots = check_alloc(calloc(c->cap, sizeof(*c->slots)));
	for (i = 0; i < old_cap; i++) {
		size_t j = old[i].hash & (c->cap - 1);

		if (!old[i].word)
			continue;
		while (c->slots[j].word)
			j = (j + 1) & (c->cap - 1);
		c->slots[j] = old[i];
	}
	free(old);
}

static void counts_add(struct counts *c, const char *word, size_t len)
{
	uint64_t h = hash_bytes(word, len);
	size_t j;

	if (2 * (c->used + 1) > c->cap)
		counts_grow(c);
	for (j = h & (c->cap - 1); c->slots[j].word; j = (j + 1) & (c->cap - 1)) {
		struct entry *e = &c->slots[j];

		if (e->hash == h && e->len == len && !memcmp(e->word, word, len)) {
			e->count++;
			return;
		}
	}
	c->slots[j].word = memcpy(xrealloc(NULL, len + 1), word, len);
	c->slots[j].word[len] = '\0';
	c->slots[j].len = len;
	c->slots[j].hash = h;
	c->slots[j].count = 1;
	c->used++;
}

/* One pass over the line per delimiter, as the lesson's str.replace loop. */
static LESSON_FUNCTION void replace_delimiters(char *line, size_t len)
{
	const char *purge;
	size_t i;

	for (purge = DELIMITERS; *purge; purge++) {
		for (i = 0; i < len; i++)
			if (line[i] == *purge) line[i] = ' ';	/* the hot spot */
	}
}

/* Length in bytes of the white space (or, with want_space 0, the word) at s. */
static size_t span(const char *s, size_t n, int want_space)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp = (unsigned char)s[i];
		size_t step = cp < 0x80 ? 1 : utf8_decode((const unsigned char *)s + i, n - i, &cp);

		if (is_space(cp) != want_space)
			break;
		i += step;
	}
	return i;
}

static LESSON_FUNCTION void update_word_counts(char *line, size_t len,
					       struct counts *counts, struct scratch *s)
{
	size_t i = 0;

	replace_delimiters(line, len);
	for (;;) {
		size_t wlen;

		i += span(line + i, len - i, 1);
		if (i == len)
			break;
		wlen = span(line + i, len - i, 0);
		/* Python's word.lower().strip(): strip() finds no white space left. */
		counts_add(counts, s->bytes, lower_word(line + i, wlen, s));
		i += wlen;
	}
}

static LESSON_FUNCTION int calculate_word_counts(FILE *in, struct counts *counts)
{
	struct scratch s = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, in)) >= 0)
		update_word_counts(line, (size_t)len, counts, &s);
	free(line);
	free(s.cps);
	free(s.bytes);
	return ferror(in) ? -EIO : 0;
}

static size_t code_points(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	for (; i < len; n++)
		i += utf8_decode((const unsigned char *)s + i, len - i, &cp);
	return n;
}

/* Most frequent first, then by word in code-point order (Python's str order). */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = *(struct entry *const *)pa;
	const struct entry *b = *(struct entry *const *)pb;
	size_t i = 0, j = 0;

	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	while (i < a->len && j < b->len) {
		uint32_t ca, cb;

		i += utf8_decode((const unsigned char *)a->word + i, a->len - i, &ca);
		j += utf8_decode((const unsigned char *)b->word + j, b->len - j, &cb);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return (i < a->len) - (j < b->len);
}

static int save_word_counts(const char *path, struct counts *c, size_t min_length)
{
	struct entry **sorted = xrealloc(NULL, (c->used + 1) * sizeof(*sorted));
	size_t i, n = 0;
	FILE *out;
	int err = 0;

	for (i = 0; i < c->cap; i++)
		if (c->slots[i].word)
			sorted[n++] = &c->slots[i];
	qsort(sorted, n, sizeof(*sorted), entry_cmp);
	out = fopen(path, "w");
	if (!out) {
		err = -errno;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		const struct entry *e = sorted[i];

		/* fwrite, not %s: a word may hold a NUL byte. */
		if (code_points(e->word, e->len) < min_length)
			continue;
		fwrite(e->word, 1, e->len, out);
		fprintf(out, " %lu\n", e->count);
	}
	if (fclose(out) != 0)
		err = -errno;
cleanup:
	free(sorted);
	return err;
}

static void counts_free(struct counts *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		free(c->slots[i].word);
	free(c->slots);
}

/* Count the words of infile into outfile; prints its own error line. */
static LESSON_FUNCTION int word_count(const char *infile, const char *outfile, size_t min_length)
{
	struct counts counts = { 0 };
	FILE *in = fopen(infile, "r");
	int err;

	if (!in) {
		fprintf(stderr, "wordcount: cannot open %s: %s\n", infile, strerror(errno));
		return -1;
	}
	err = calculate_word_counts(in, &counts);
	fclose(in);
	if (err)
		fprintf(stderr, "wordcount: cannot read %s: %s\n", infile, strerror(-err));
	else if ((err = save_word_counts(outfile, &counts, min_length)))
		fprintf(stderr, "wordcount: cannot write %s: %s\n", outfile, strerror(-err));
	counts_free(&counts);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long min_length = 0;
	char *end;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: wordcount INFILE OUTFILE [MIN_LENGTH]\n"
		       "Count the words of INFILE; write \"word count\" lines to OUTFILE,\n"
		       "most frequent first, keeping words of at least MIN_LENGTH characters.\n");
		return 0;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "wordcount: expected INFILE OUTFILE [MIN_LENGTH]; "
				"see wordcount --help\n");
		return 2;
	}
	if (argc == 4) {
		errno = 0;
		min_length = strtoul(argv[3], &end, 10);
		if (errno || end == argv[3] || *end || argv[3][0] == '-') {
			fprintf(stderr, "wordcount: MIN_LENGTH must be a whole number, "
					"not '%s'\n", argv[3]);
			return 2;
		}
	}
	return word_count(argv[1], argv[2], min_length) ? 1 : 0;
}
