/* pysample-drive.c — take N snapshots of a live CPython with the pyproc
 * reader and report what they cost and what they saw.  Used by
 * benchmarks/python-sample-cost.sh (CPU per sample) and by the torn-read
 * test (every frame seen must be one the workload can really be in).
 *
 * usage: pysample-drive [-n N] [-i MICROSECONDS] [-c] [-f] PID
 *   -n N   snapshots to take (default 1000)
 *   -i US  pause between snapshots (default 0)
 *   -c     cpu mode: read the frames of running threads only, as the
 *          backend's default mode does (costs a /proc read per thread)
 *   -f     list every distinct frame seen: "frame FUNCTION FILE LINE COUNT"
 * First line: "samples S torn T stale L frames F cpu_ns_per_sample C
 *              wall_ns_per_sample W version V"
 */
#include "config.h"

#include "procmaps.h"
#include "python/pyproc.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct seen {
	char *func, *file;
	int line;
	long count;
};

struct drive {
	int pid, cpu_mode, list_frames;
	long n, interval_us;
	struct seen *seen;
	size_t nseen, capseen;
};

static int want_running(int tid, void *arg)
{
	return procmaps_task_state(*(int *)arg, tid) == 'R';
}

static uint64_t cpu_ns(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000ull +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ull;
}

static void note_frame(struct drive *d, const struct hp_frame *f)
{
	for (size_t i = 0; i < d->nseen; i++)
		if (d->seen[i].line == f->line && strcmp(d->seen[i].func, f->function) == 0 &&
		    strcmp(d->seen[i].file, f->file) == 0) {
			d->seen[i].count++;
			return;
		}
	if (d->nseen == d->capseen) {
		d->capseen = d->capseen ? 2 * d->capseen : 64;
		d->seen = xreallocarray(d->seen, d->capseen, sizeof *d->seen);
	}
	d->seen[d->nseen++] = (struct seen){ xstrdup(f->function), xstrdup(f->file), f->line, 1 };
}

static int drive_run(struct drive *d)
{
	struct pyproc *pp;
	struct pyproc_sample_opts o = { .want = d->cpu_mode ? want_running : NULL,
					.want_arg = &d->pid };
	const struct py_snapshot *snap;
	char *why = NULL;
	long samples = 0, torn = 0, stale = 0, frames = 0;
	uint64_t c0, w0;

	if (pyproc_open(d->pid, &pp, &why) < 0) {
		hp_err("%s", why);
		return 1;
	}
	c0 = cpu_ns();
	w0 = hp_now_ns();
	for (long i = 0; i < d->n; i++) {
		int e = pyproc_sample(pp, &o, &snap, &why);
		if (e == -ESTALE) {
			stale++;
		} else if (e < 0) {
			hp_err("%s", why);
			break;
		} else {
			samples++;
			for (int t = 0; t < snap->nthreads; t++) {
				torn += snap->threads[t].error != NULL;
				frames += snap->threads[t].nframes;
				for (int f = 0; d->list_frames && f < snap->threads[t].nframes; f++)
					note_frame(d, &snap->threads[t].frames[f]);
			}
		}
		if (d->interval_us)
			usleep((useconds_t)d->interval_us);
	}
	printf("samples %ld torn %ld stale %ld frames %ld cpu_ns_per_sample %.0f "
	       "wall_ns_per_sample %.0f version %s\n", samples, torn, stale, frames,
	       (double)(cpu_ns() - c0) / (double)(d->n ? d->n : 1),
	       (double)(hp_now_ns() - w0) / (double)(d->n ? d->n : 1), pyproc_version(pp));
	for (size_t i = 0; i < d->nseen; i++)
		printf("frame %s %s %d %ld\n", d->seen[i].func, d->seen[i].file, d->seen[i].line,
		       d->seen[i].count);
	pyproc_close(pp);
	free(why);
	return 0;
}

int main(int argc, char **argv)
{
	struct drive d = { .n = 1000 };
	int c;

	hp_set_progname("pysample-drive");
	while ((c = getopt(argc, argv, "n:i:cf")) != -1) {
		switch (c) {
		case 'n': d.n = atol(optarg); break;
		case 'i': d.interval_us = atol(optarg); break;
		case 'c': d.cpu_mode = 1; break;
		case 'f': d.list_frames = 1; break;
		default: return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: pysample-drive [-n N] [-i US] [-c] [-f] PID\n");
		return 2;
	}
	d.pid = atoi(argv[optind]);
	return drive_run(&d);
}
