/* query-map.c — open-addressing hash maps for the query layer: linear
 * probing, power-of-two capacity, grown at 50% load. */
#include "config.h"

#include "query-map.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A 64-bit mix (splitmix64's finaliser) so sequential ids spread out. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* FNV-1a over a NUL-terminated string. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return mix64(h);
}

void imap_init(struct imap *m)
{
	memset(m, 0, sizeof *m);
}

void imap_done(struct imap *m)
{
	free(m->keys);
	free(m->vals);
	imap_init(m);
}

static void imap_grow(struct imap *m)
{
	struct imap old = *m;
	m->cap = old.cap ? 2 * old.cap : 64;
	m->n = 0;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xmalloc(m->cap * sizeof *m->vals);
	memset(m->vals, 0xff, m->cap * sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.vals[i] >= 0)
			imap_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

int imap_get(const struct imap *m, int64_t key)
{
	if (!m->cap)
		return -1;
	for (size_t i = mix64((uint64_t)key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->vals[i] < 0)
			return -1;
		if (m->keys[i] == key)
			return m->vals[i];
	}
}

void imap_put(struct imap *m, int64_t key, int val)
{
	size_t i;
	if (2 * (m->n + 1) > m->cap)
		imap_grow(m);
	for (i = mix64((uint64_t)key) & (m->cap - 1); m->vals[i] >= 0; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

void smap_init(struct smap *m)
{
	memset(m, 0, sizeof *m);
}

void smap_done(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->hashes);
	free(m->vals);
	smap_init(m);
}

/* Insert an owned key at its slot (no duplicate check: used when growing). */
static void smap_place(struct smap *m, char *key, uint64_t h, int val)
{
	size_t i = h & (m->cap - 1);
	while (m->keys[i])
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	m->hashes[i] = h;
	m->vals[i] = val;
	m->n++;
}

static void smap_grow(struct smap *m)
{
	struct smap old = *m;
	m->cap = old.cap ? 2 * old.cap : 64;
	m->n = 0;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->hashes = xcalloc(m->cap, sizeof *m->hashes);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			smap_place(m, old.keys[i], old.hashes[i], old.vals[i]);
	free(old.keys);
	free(old.hashes);
	free(old.vals);
}

/* The slot holding `key`, or the empty slot where it would go. */
static size_t smap_slot(const struct smap *m, const char *key, uint64_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int smap_get(const struct smap *m, const char *key)
{
	size_t i;
	if (!m->cap)
		return -1;
	i = smap_slot(m, key, hash_str(key));
	return m->keys[i] ? m->vals[i] : -1;
}

void smap_put(struct smap *m, const char *key, int val)
{
	uint64_t h = hash_str(key);
	size_t i;
	if (2 * (m->n + 1) > m->cap)
		smap_grow(m);
	i = smap_slot(m, key, h);
	if (m->keys[i]) {
		m->vals[i] = val;
		return;
	}
	smap_place(m, xstrdup(key), h, val);
}
