/* words.c — word splitting and parameter scans (see words.h). */
#include "config.h"

#include "bench/words.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void push(char ***argv, size_t *n, char *w)
{
	*argv = xreallocarray(*argv, *n + 2, sizeof(**argv));
	(*argv)[(*n)++] = w;
	(*argv)[*n] = NULL;
}

int words_split(const char *s, char ***argv, char **why)
{
	struct strbuf w;
	size_t n = 0;
	int in_word = 0;
	char quote = 0;
	*argv = NULL;
	strbuf_init(&w);
	for (const char *p = s;; p++) {
		char c = *p;
		if (!c && quote)
			goto unterminated;
		if (!c || (!quote && (c == ' ' || c == '\t' || c == '\n'))) {
			if (in_word)
				push(argv, &n, strbuf_detach(&w));
			in_word = 0;
			if (!c)
				break;
			continue;
		}
		in_word = 1;
		if (quote && c == quote) {
			quote = 0;
		} else if (!quote && (c == '\'' || c == '"')) {
			quote = c;
		} else if (c == '\\' && quote != '\'' && p[1]) {
			strbuf_add(&w, ++p, 1);
		} else {
			strbuf_add(&w, &c, 1);
		}
	}
	strbuf_done(&w);
	if (n == 0) {
		free(*argv);
		*argv = NULL;
		return hp_fail(why, -EINVAL, "empty command '%s'", s);
	}
	return 0;
unterminated:
	strbuf_done(&w);
	words_free(*argv);
	*argv = NULL;
	return hp_fail(why, -EINVAL, "unterminated %c quote in '%s'", quote, s);
}

void words_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static int scan_var_ok(const char *var, char **why)
{
	if (!*var || strpbrk(var, "{}= "))
		return hp_fail(why, -EINVAL, "bad parameter name '%s': use letters, digits, _", var);
	return 0;
}

int scan_range(struct scan *sc, const char *var, const char *min, const char *max, char **why)
{
	long lo, hi;
	memset(sc, 0, sizeof(*sc));
	if (scan_var_ok(var, why))
		return -EINVAL;
	if (hp_parse_long(min, -1000000000L, 1000000000L, &lo) < 0 ||
	    hp_parse_long(max, -1000000000L, 1000000000L, &hi) < 0 || hi < lo || hi - lo >= 10000)
		return hp_fail(why, -EINVAL, "-P %s %s %s: want integers MIN <= MAX, at most 10000 "
			       "values", var, min, max);
	sc->var = xstrdup(var);
	sc->n = (size_t)(hi - lo + 1);
	sc->vals = xcalloc(sc->n, sizeof(*sc->vals));
	for (size_t i = 0; i < sc->n; i++)
		sc->vals[i] = xasprintf("%ld", lo + (long)i);
	return 0;
}

int scan_list(struct scan *sc, const char *var, const char *list, char **why)
{
	char *copy, *tok, *save = NULL;
	memset(sc, 0, sizeof(*sc));
	if (scan_var_ok(var, why))
		return -EINVAL;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		sc->vals = xreallocarray(sc->vals, sc->n + 1, sizeof(*sc->vals));
		sc->vals[sc->n++] = xstrdup(tok);
	}
	free(copy);
	if (sc->n == 0)
		return hp_fail(why, -EINVAL, "-L %s: empty list", var);
	sc->var = xstrdup(var);
	return 0;
}

void scan_done(struct scan *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->vals[i]);
	free(sc->vals);
	free(sc->var);
	memset(sc, 0, sizeof(*sc));
}

size_t scan_combinations(const struct scan *scans, size_t nscans)
{
	size_t total = 1;
	for (size_t i = 0; i < nscans; i++)
		total *= scans[i].n;
	return total;
}

/* Value of scan i in combination k (the last scan varies fastest). */
static const char *scan_value(const struct scan *scans, size_t nscans, size_t i, size_t k)
{
	for (size_t j = nscans; j-- > i + 1;)
		k /= scans[j].n;
	return scans[i].vals[k % scans[i].n];
}

char *scan_subst(const char *s, const struct scan *scans, size_t nscans, size_t k)
{
	struct strbuf out;
	strbuf_init(&out);
	while (*s) {
		size_t i, len = 0;
		for (i = 0; *s == '{' && i < nscans; i++) {
			len = strlen(scans[i].var);
			if (strncmp(s + 1, scans[i].var, len) == 0 && s[1 + len] == '}')
				break;
		}
		if (*s == '{' && i < nscans) {
			strbuf_puts(&out, scan_value(scans, nscans, i, k));
			s += len + 2;
		} else {
			strbuf_add(&out, s++, 1);
		}
	}
	return strbuf_detach(&out);
}

char *scan_describe(const struct scan *scans, size_t nscans, size_t k)
{
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < nscans; i++)
		strbuf_printf(&out, "%s%s=%s", i ? "," : "", scans[i].var,
			      scan_value(scans, nscans, i, k));
	return strbuf_detach(&out);
}
