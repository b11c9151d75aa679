/* words.h — command strings and parameter scans for `hpbench run`: split a
 * -c string into words the way a shell would (quotes and backslashes, no
 * expansions), and substitute {VAR} for scan values. */
#ifndef HP_BENCH_WORDS_H
#define HP_BENCH_WORDS_H

#include <stddef.h>

/* NULL-terminated argv (free with words_free); -EINVAL + *why on an
 * unterminated quote or an empty command. */
int words_split(const char *s, char ***argv, char **why);
void words_free(char **argv);

/* One parameter scan: -P VAR MIN MAX or -L VAR a,b,c. */
struct scan {
	char *var;
	char **vals;
	size_t n;
};
int scan_range(struct scan *sc, const char *var, const char *min, const char *max, char **why);
int scan_list(struct scan *sc, const char *var, const char *list, char **why);
void scan_done(struct scan *sc);
/* Number of combinations of all scans (1 when there are none). */
size_t scan_combinations(const struct scan *scans, size_t nscans);
/* s with every {VAR} replaced by the value combination k selects. */
char *scan_subst(const char *s, const struct scan *scans, size_t nscans, size_t k);
/* "VAR=a,W=3" for combination k ("" without scans). */
char *scan_describe(const struct scan *scans, size_t nscans, size_t k);

#endif
