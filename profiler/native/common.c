/* common.c — helpers the native backends share: frames from addresses,
 * thread names, thread lists. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "symbols.h"
#include "util.h"

void native_user_frames(struct symbolizer *sy, int pid, const uint64_t *ips, int n,
			struct hp_frame *out, int *len, int max)
{
	for (int i = 0; i < n && *len < max; i++)
		*len += symbolizer_user(sy, pid, ips[i], i > 0, out + *len, max - *len);
}

struct comm_slot {
	int tid;
	char name[16];
};

struct native_comms {
	struct comm_slot *slots;
	size_t cap, len;
};

struct native_comms *native_comms_new(void)
{
	struct native_comms *c = xcalloc(1, sizeof(*c));
	c->cap = 64;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	return c;
}

void native_comms_free(struct native_comms *c)
{
	if (!c)
		return;
	free(c->slots);
	free(c);
}

static struct comm_slot *comms_slot(struct native_comms *c, int tid)
{
	size_t i = ((unsigned)tid * 2654435761u) & (c->cap - 1);
	while (c->slots[i].tid && c->slots[i].tid != tid)
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

void native_comms_set(struct native_comms *c, int tid, const char *name)
{
	if ((c->len + 1) * 2 > c->cap) {
		struct comm_slot *old = c->slots;
		size_t oldcap = c->cap;
		c->cap *= 2;
		c->slots = xcalloc(c->cap, sizeof(*c->slots));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].tid)
				*comms_slot(c, old[i].tid) = old[i];
		free(old);
	}
	struct comm_slot *s = comms_slot(c, tid);
	if (!s->tid)
		c->len++;
	s->tid = tid;
	snprintf(s->name, sizeof(s->name), "%s", name);
}

const char *native_comms_get(struct native_comms *c, int pid, int tid)
{
	struct comm_slot *s = comms_slot(c, tid);
	if (s->tid)
		return s->name;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", pid, tid);
	char *text = hp_read_file(path, NULL);
	if (text)
		text[strcspn(text, "\n")] = 0;
	native_comms_set(c, tid, text ? text : "");
	free(text);
	return comms_slot(c, tid)->name;
}

int *native_tasks(int pid, int *n)
{
	char path[64];
	int cap = 16, *tids = xmalloc(sizeof(int) * (size_t)cap);
	struct dirent *de;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (!d)
		return tids;
	while ((de = readdir(d))) {
		int tid = atoi(de->d_name);
		if (tid <= 0)
			continue;
		if (*n == cap)
			tids = xreallocarray(tids, (size_t)(cap *= 2), sizeof(int));
		tids[(*n)++] = tid;
	}
	closedir(d);
	return tids;
}
