/* textgen.c — writes the word-count lessons' input, data/concat.txt, without
 * needing the books: deterministic book-like text (chapters, paragraphs,
 * sentences, quotes and punctuation, lines of 60-75 characters) from a
 * built-in vocabulary with Zipf-like word frequencies.
 *
 * The same --seed always gives the same bytes.  --counts writes the true word
 * counts in examples/wordcount's output format, so tests can check the word
 * counters against what was really written.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L	/* stpcpy() when built on its own */
#endif

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_WORDS 8192
#define N_PSEUDO 4000
#define N_NUMERALS 40		/* chapters per book */
#define MAX_UNIT 256		/* one word with its punctuation */
#define ZIPF_GUIDE 4096

/* Common English words, most frequent first: they take the top Zipf ranks. */
static const char *const english[] = {
	"the", "of", "and", "to", "a", "in", "that", "he", "was", "it", "his",
	"i", "with", "is", "had", "as", "for", "you", "her", "not", "be", "at",
	"on", "but", "him", "she", "they", "by", "have", "my", "all", "which",
	"so", "from", "said", "this", "were", "me", "we", "one", "there", "what",
	"no", "would", "their", "if", "an", "or", "when", "them", "been", "will",
	"are", "who", "could", "up", "out", "then", "more", "into", "your", "now",
	"some", "do", "very", "little", "did", "man", "upon", "about", "like",
	"time", "only", "any", "than", "over", "other", "know", "should", "before",
	"great", "after", "down", "can", "must", "these", "well", "old", "such",
	"see", "how", "made", "again", "never", "come", "much", "long", "first",
	"good", "own", "day", "may", "went", "eyes", "think", "two", "hand",
	"where", "house", "back", "here", "way", "through", "those", "night",
	"head", "came", "might", "life", "without", "men", "face", "still",
	"away", "thought", "young", "yet", "room", "every", "door", "place",
	"nothing", "look", "while", "once", "world", "always", "something",
	"mother", "father", "heart", "voice", "under", "light", "water", "king",
	"letter", "morning", "took", "left", "found", "whole", "even", "half",
	"because", "though", "between", "against", "thing", "things", "seemed",
	"moment", "answered", "asked", "replied", "cried", "chapter", "book",
};

/* A few words that are not ASCII, so case folding beyond A-Z is exercised. */
static const char *const accented[] = {
	"café", "naïve", "rôle", "élite", "façade", "señor", "über", "déjà",
	"fiancée", "protégé", "château", "garçon", "mêlée", "tête",
};

static const char *const onsets[] = {
	"", "", "", "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h",
	"j", "k", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sl",
	"st", "t", "th", "tr", "v", "w", "wh", "z",
};
static const char *const vowels[] = {
	"a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "a", "e", "o",
	"ai", "ea", "ou", "io", "ee", "oo", "y",
};
static const char *const codas[] = {
	"", "", "", "n", "r", "s", "l", "m", "nd", "st", "th", "ck", "ng", "rt",
	"x",
};

/* Punctuation that wraps a word now and then, beyond . , ; : and quotes. */
static const char *const wraps[][2] = {
	{ "(", ")" }, { "[", "]" }, { "{", "}" }, { "<", ">" }, { "`", "'" },
	{ "*", "*" }, { "#", "" }, { "$", "" }, { "@", "" }, { "", "%" },
	{ "^", "" }, { "'", "'" },
};
static const char joiners[] = "--/=";

struct word {
	char *text;		/* lower case, as wordcount counts it */
	int is_name;		/* always written capitalised */
	unsigned long count;	/* how many times it was written */
};

struct textgen {
	uint64_t rng;
	struct word words[MAX_WORDS];
	size_t n_words, n_ranked;	/* the first n_ranked are drawn by Zipf */
	double *cdf;
	size_t guide[ZIPF_GUIDE + 1];	/* first rank of each 1/ZIPF_GUIDE slice */
	size_t numerals[N_NUMERALS + 1];
	size_t chapter_word, book_word;
	FILE *out;
	unsigned long long size;	/* stop after the paragraph that reaches it */
	char line[160];
	size_t line_len, line_width;
	unsigned long long written;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fputs("textgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* splitmix64: small, fast, and the same everywhere (unlike rand()). */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *state, size_t n)
{
	return (size_t)(rng_next(state) % n);
}

/* True with probability per_mille / 1000. */
static int chance(struct textgen *g, unsigned per_mille)
{
	return rng_below(&g->rng, 1000) < per_mille;
}

/* Index of the word spelled s, adding it if it is new (spellings are unique,
 * so the true counts have one line per word). */
static size_t vocab_intern(struct textgen *g, const char *s)
{
	size_t i;

	for (i = 0; i < g->n_words; i++)
		if (!strcmp(g->words[i].text, s))
			return i;
	if (g->n_words == MAX_WORDS) {
		fputs("textgen: vocabulary full\n", stderr);
		exit(1);
	}
	g->words[i].text = strcpy(xmalloc(strlen(s) + 1), s);
	g->n_words++;
	return i;
}

static void pseudo_word(uint64_t *rng, char *buf, size_t size)
{
	size_t syllables = 1 + (rng_below(rng, 5) + 1) / 2, i;

	buf[0] = '\0';
	for (i = 0; i < syllables; i++) {
		strncat(buf, onsets[rng_below(rng, N_ELEMS(onsets))], size - strlen(buf) - 1);
		strncat(buf, vowels[rng_below(rng, N_ELEMS(vowels))], size - strlen(buf) - 1);
		if (i == syllables - 1 || rng_below(rng, 4) == 0)
			strncat(buf, codas[rng_below(rng, N_ELEMS(codas))],
				size - strlen(buf) - 1);
	}
}

static void roman(unsigned n, char *buf)
{
	static const char *const tens[] = { "", "x", "xx", "xxx", "xl" };
	static const char *const ones[] = {
		"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix",
	};

	sprintf(buf, "%s%s", tens[n / 10], ones[n % 10]);
}

/* The vocabulary is the same for every seed; only the text varies. */
static void vocab_build(struct textgen *g)
{
	uint64_t rng = 0x686F726F66ULL;
	char buf[64];
	size_t i;

	for (i = 0; i < N_ELEMS(english); i++)
		vocab_intern(g, english[i]);
	g->words[vocab_intern(g, "i")].is_name = 1;	/* "I" */
	while (g->n_words < N_ELEMS(english) + N_PSEUDO) {
		size_t before = g->n_words, w;

		pseudo_word(&rng, buf, sizeof(buf));
		w = vocab_intern(g, buf);
		if (g->n_words > before && rng_below(&rng, 12) == 0)
			g->words[w].is_name = 1;
		/* Sprinkle the accented words and some years among the ranks. */
		if (g->n_words % 97 == 0 && g->n_words / 97 <= N_ELEMS(accented))
			vocab_intern(g, accented[g->n_words / 97 - 1]);
		if (g->n_words % 211 == 0) {
			sprintf(buf, "%u", 1700 + (unsigned)rng_below(&rng, 250));
			vocab_intern(g, buf);
		}
	}
	g->n_ranked = g->n_words;
	for (i = 1; i <= N_NUMERALS; i++) {
		roman((unsigned)i, buf);
		g->numerals[i] = vocab_intern(g, buf);
	}
	g->chapter_word = vocab_intern(g, "chapter");
	g->book_word = vocab_intern(g, "book");
}

/* Zipf-Mandelbrot weights 1 / (rank + 2.7)^1.07, as a cumulative table. */
static void zipf_build(struct textgen *g)
{
	double total = 0;
	size_t r, k;

	g->cdf = xmalloc(g->n_ranked * sizeof(*g->cdf));
	for (r = 0; r < g->n_ranked; r++) {
		total += 1.0 / pow((double)r + 2.7, 1.07);
		g->cdf[r] = total;
	}
	for (r = 0; r < g->n_ranked; r++)
		g->cdf[r] /= total;
	g->cdf[g->n_ranked - 1] = 1.0;
	for (r = 0, k = 0; k <= ZIPF_GUIDE; k++) {
		while (g->cdf[r] < (double)k / ZIPF_GUIDE)
			r++;
		g->guide[k] = r;
	}
}

static size_t zipf_draw(struct textgen *g)
{
	double u = (double)(rng_next(&g->rng) >> 11) * 0x1.0p-53;
	size_t k = (size_t)(u * ZIPF_GUIDE);
	size_t lo = g->guide[k], hi = g->guide[k + 1];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void line_end(struct textgen *g)
{
	g->line[g->line_len++] = '\n';
	fwrite(g->line, 1, g->line_len, g->out);
	g->written += g->line_len;
	g->line_len = 0;
	g->line_width = 60 + rng_below(&g->rng, 16);
}

/* Append one space-free unit, wrapping the line before it if it is full. */
static void put_unit(struct textgen *g, const char *unit)
{
	size_t len = strlen(unit);

	if (g->line_len && g->line_len + 1 + len > g->line_width)
		line_end(g);
	if (g->line_len)
		g->line[g->line_len++] = ' ';
	memcpy(g->line + g->line_len, unit, len);
	g->line_len += len;
}

enum word_case { AS_IS, CAPITALISED, ALL_CAPS };

/* Write word w into buf in the given case and count it. */
static void spell(struct textgen *g, size_t w, enum word_case wcase, char *buf)
{
	unsigned char *p = (unsigned char *)strcpy(buf, g->words[w].text);

	g->words[w].count++;
	if (g->words[w].is_name && wcase == AS_IS)
		wcase = CAPITALISED;
	for (; *p && wcase != AS_IS; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p -= 32;
		else if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
			p[1] -= 0x20;	/* UTF-8 of à..þ to À..Þ */
		if (wcase == CAPITALISED)
			break;
		if (*p >= 0x80)
			p++;
	}
}

/* One word with the punctuation around it, as one unit of the line. */
static void sentence_word(struct textgen *g, char *unit, int first, int last)
{
	enum word_case wcase = first ? CAPITALISED : AS_IS;
	char word[MAX_UNIT / 2];
	const char *const *wrap = NULL;

	if (chance(g, 6))
		wcase = ALL_CAPS;
	spell(g, zipf_draw(g), wcase, word);
	if (chance(g, 8))
		wrap = wraps[rng_below(&g->rng, N_ELEMS(wraps))];
	strcpy(stpcpy(stpcpy(unit, wrap ? wrap[0] : ""), word), wrap ? wrap[1] : "");
	if (!last && chance(g, 12)) {
		/* word--word, either/or, a=b: two words in one unit. */
		size_t j = rng_below(&g->rng, N_ELEMS(joiners) - 1);
		size_t len = strlen(unit);

		memcpy(unit + len, joiners + j, j == 0 ? 2 : 1);
		spell(g, zipf_draw(g), AS_IS, unit + len + (j == 0 ? 2 : 1));
	}
	if (!last) {
		unsigned p = (unsigned)rng_below(&g->rng, 1000);

		strcat(unit, p < 80 ? "," : p < 90 ? ";" : p < 95 ? ":" : "");
	}
}

static void sentence(struct textgen *g)
{
	static const char *const ends[] = { ".", ".", ".", ".", ".", ".", ".",
					    ".", "?", "!", "...", "!?" };
	size_t n = 4 + rng_below(&g->rng, 8) + rng_below(&g->rng, 14), i;
	int quoted = chance(g, 180);
	char unit[MAX_UNIT];

	for (i = 0; i < n; i++) {
		sentence_word(g, unit + (quoted && i == 0), i == 0, i == n - 1);
		if (quoted && i == 0)
			unit[0] = '"';
		if (i == n - 1) {
			strcat(unit, ends[rng_below(&g->rng, N_ELEMS(ends))]);
			if (quoted)
				strcat(unit, "\"");
		}
		put_unit(g, unit);
	}
}

static void paragraph(struct textgen *g)
{
	size_t n = 1 + rng_below(&g->rng, 7), i;

	for (i = 0; i < n; i++)
		sentence(g);
	if (g->line_len)
		line_end(g);
	line_end(g);		/* blank line between paragraphs */
}

/* "BOOK THE ZORVAL AND ..." : a title line in capitals. */
static void book_title(struct textgen *g)
{
	char unit[MAX_UNIT];
	size_t n = 2 + rng_below(&g->rng, 3), i;

	spell(g, g->book_word, ALL_CAPS, unit);
	put_unit(g, unit);
	for (i = 0; i < n; i++) {
		spell(g, zipf_draw(g), ALL_CAPS, unit);
		put_unit(g, unit);
	}
	line_end(g);
	line_end(g);
}

static void chapter(struct textgen *g, unsigned number)
{
	char unit[MAX_UNIT];
	size_t n = 20 + rng_below(&g->rng, 40), i;

	line_end(g);
	spell(g, g->chapter_word, ALL_CAPS, unit);
	put_unit(g, unit);
	spell(g, g->numerals[number], ALL_CAPS, unit);
	strcat(unit, ".");
	put_unit(g, unit);
	line_end(g);
	line_end(g);
	for (i = 0; i < n && g->written < g->size; i++)
		paragraph(g);
}

static void textgen_run(struct textgen *g)
{
	unsigned number = N_NUMERALS;

	g->line_width = 60 + rng_below(&g->rng, 16);
	while (g->written < g->size) {
		if (number == N_NUMERALS) {
			book_title(g);
			number = 0;
		}
		chapter(g, ++number);
	}
}

static int word_cmp(const void *pa, const void *pb)
{
	const struct word *a = *(struct word *const *)pa;
	const struct word *b = *(struct word *const *)pb;

	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->text, b->text);	/* byte order = code-point order */
}

/* The true counts, in wordcount's format: most frequent first, then by word. */
static int write_counts(struct textgen *g, FILE *f)
{
	const struct word *sorted[MAX_WORDS];
	size_t i, n = 0;

	for (i = 0; i < g->n_words; i++)
		if (g->words[i].count)
			sorted[n++] = &g->words[i];
	qsort(sorted, n, sizeof(*sorted), word_cmp);
	for (i = 0; i < n; i++)
		fprintf(f, "%s %lu\n", sorted[i]->text, sorted[i]->count);
	return ferror(f) ? -EIO : 0;
}

static void usage(FILE *f)
{
	fputs("usage: textgen [--size BYTES] [--seed N] [--counts FILE] -o FILE\n"
	      "Write deterministic book-like text for the word-count examples.\n"
	      "  -o, --output FILE   where to write the text ('-' for stdout)\n"
	      "  -s, --size BYTES    about how much text; K, M, G suffixes are\n"
	      "                      powers of 1024 (default 45M)\n"
	      "  -S, --seed N        the same seed gives the same text (default 1)\n"
	      "  -c, --counts FILE   also write the true word counts, lower-cased,\n"
	      "                      in examples/wordcount's output format\n"
	      "  -h, --help          show this help\n"
	      "Exit status: 0 ok, 1 cannot write, 2 usage error.\n", f);
}

static int parse_size(const char *s, unsigned long long *size)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return -1;
	switch (*end) {
	case 'G': case 'g': n <<= 10;	/* fall through */
	case 'M': case 'm': n <<= 10;	/* fall through */
	case 'K': case 'k': n <<= 10; end++; break;
	default: break;
	}
	if (*end || n == 0)
		return -1;
	*size = n;
	return 0;
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "textgen: %s%s%s; see textgen --help\n", what,
		arg ? " " : "", arg ? arg : "");
	return 2;
}

static FILE *open_out(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f)
		fprintf(stderr, "textgen: cannot create %s: %s\n", path, strerror(errno));
	return f;
}

static int close_out(FILE *f, const char *path)
{
	if ((f == stdout ? fflush(f) : fclose(f)) != 0 || (f == stdout && ferror(f))) {
		fprintf(stderr, "textgen: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int generate(const char *out_path, const char *counts_path,
		    unsigned long long size, uint64_t seed)
{
	static struct textgen g;
	FILE *counts = NULL;
	int err = 1;

	g.rng = seed;
	g.size = size;
	vocab_build(&g);
	zipf_build(&g);
	if (!(g.out = open_out(out_path)))
		return 1;
	if (counts_path && !(counts = open_out(counts_path)))
		goto cleanup;
	textgen_run(&g);
	if (counts && write_counts(&g, counts) != 0)
		fprintf(stderr, "textgen: cannot write %s\n", counts_path);
	else
		err = 0;
cleanup:
	if (close_out(g.out, out_path))
		err = 1;
	if (counts && close_out(counts, counts_path))
		err = 1;
	return err;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "counts", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long size = 45ULL << 20, seed = 1;
	const char *out = NULL, *counts = NULL;
	char *end;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:s:S:c:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 'c': counts = optarg; break;
		case 'h': usage(stdout); return 0;
		case 's':
			if (parse_size(optarg, &size))
				return usage_error("--size wants a positive number of bytes like 45M, not", optarg);
			break;
		case 'S':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || optarg[0] == '-')
				return usage_error("--seed wants a whole number, not", optarg);
			break;
		case ':':
			return usage_error("missing value for", argv[optind - 1]);
		default:
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument", argv[optind]);
	if (!out)
		return usage_error("no output file: give -o FILE (or -o - for stdout)", NULL);
	return generate(out, counts, size, seed);
}
