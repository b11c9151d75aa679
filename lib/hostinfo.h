/* hostinfo.h — facts about this machine recorded with every run. */
#ifndef HP_HOSTINFO_H
#define HP_HOSTINFO_H

struct hostinfo {
	char hostname[256];
	char kernel[256];
	char cpu_model[256];
	int cpu_count;
};

void hostinfo_get(struct hostinfo *h);

#endif
