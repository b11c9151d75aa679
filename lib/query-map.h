/* query-map.h — small open-addressing hash maps the query layer interns with
 * (stack/frame/thread ids to indices, composite string keys to indices). */
#ifndef HP_QUERY_MAP_H
#define HP_QUERY_MAP_H

#include <stddef.h>
#include <stdint.h>

/* int64 key -> int value (values >= 0). */
struct imap {
	size_t cap, n;
	int64_t *keys;
	int *vals;             /* -1: empty slot */
};
void imap_init(struct imap *m);
void imap_done(struct imap *m);
/* The value of `key`, or -1. */
int imap_get(const struct imap *m, int64_t key);
void imap_put(struct imap *m, int64_t key, int val);

/* string key (copied) -> int value. */
struct smap {
	size_t cap, n;
	char **keys;
	uint64_t *hashes;
	int *vals;
};
void smap_init(struct smap *m);
void smap_done(struct smap *m);
int smap_get(const struct smap *m, const char *key);
void smap_put(struct smap *m, const char *key, int val);

#endif
