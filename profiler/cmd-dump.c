/* cmd-dump.c — hprof dump PID: the current Python stack of every thread. */
#include "config.h"

#include "commands.h"
#include "procmaps.h"
#include "python/pyproc.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DUMP_TRIES 50        /* snapshots tried before showing a torn one */
#define DUMP_WAIT_MS 3000    /* how long to wait for an interpreter to start */

static const char dump_help[] =
	"Print the Python stack of every thread of process PID, innermost frame\n"
	"first, without stopping it.\n"
	"\n"
	"Options:\n"
	"  -j, --json           one JSON object instead of text\n"
	"  -h, --help           this help\n";

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Open the target, waiting a little for an interpreter still starting. */
static int dump_open(int pid, struct pyproc **pp, char **why)
{
	int e;

	for (long waited = 0;; waited += 50) {
		e = pyproc_open(pid, pp, why);
		if (e != -EAGAIN || waited >= DUMP_WAIT_MS)
			return e;
		sleep_ms(50);
	}
}

/* A snapshot in which no thread was torn, if one comes within DUMP_TRIES. */
static int dump_snapshot(struct pyproc *pp, const struct py_snapshot **snap, char **why)
{
	int e = 0;

	for (int i = 0; i < DUMP_TRIES; i++) {
		int torn = 0;
		e = pyproc_sample(pp, NULL, snap, why);
		if (e == -ESTALE)
			continue;
		if (e < 0)
			return e;
		for (int t = 0; t < (*snap)->nthreads; t++)
			torn |= (*snap)->threads[t].error != NULL;
		if (!torn)
			return 0;
	}
	return e == -ESTALE ? e : 0; /* show it, torn threads marked */
}

static const char *thread_state(int pid, const struct py_thread *t)
{
	char s = procmaps_task_state(pid, t->tid);
	return s == 'R' ? "running" : s ? "idle" : "unknown";
}

static void print_text(struct pyproc *pp, const struct py_snapshot *snap)
{
	printf("Process %d: %s\n", pyproc_pid(pp), pyproc_describe(pp));
	for (int i = 0; i < snap->nthreads; i++) {
		const struct py_thread *t = &snap->threads[i];
		char sub[32] = "";
		if (t->interp)
			snprintf(sub, sizeof sub, " in sub-interpreter %d", t->interp);
		printf("\nThread %d \"%s\" (%s%s)%s\n", t->tid, t->name, thread_state(pyproc_pid(pp), t),
		       t->holds_gil ? ", holds the GIL" : "", sub);
		if (t->error)
			printf("    (stack not read: %s)\n", t->error);
		for (int f = 0; f < t->nframes; f++)
			printf("    %s (%s:%d)\n", t->frames[f].function, t->frames[f].file,
			       t->frames[f].line);
	}
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json_thread(int pid, const struct py_thread *t)
{
	printf("{\"tid\":%d,\"name\":", t->tid);
	json_str(t->name);
	printf(",\"gil\":%s,\"state\":\"%s\",\"interpreter\":%d,\"error\":",
	       t->holds_gil ? "true" : "false", thread_state(pid, t), t->interp);
	if (t->error)
		json_str(t->error);
	else
		printf("null");
	printf(",\"frames\":[");
	for (int f = 0; f < t->nframes; f++) {
		const struct hp_frame *fr = &t->frames[f];
		printf("%s{\"function\":", f ? "," : "");
		json_str(fr->function);
		printf(",\"file\":");
		json_str(fr->file);
		printf(",\"line\":%d,\"def_line\":%d,\"entry\":%s}", fr->line, fr->def_line,
		       t->entry[f] ? "true" : "false");
	}
	printf("]}");
}

static void print_json(struct pyproc *pp, const struct py_snapshot *snap)
{
	printf("{\"pid\":%d,\"python\":", pyproc_pid(pp));
	json_str(pyproc_version(pp));
	printf(",\"threads\":[");
	for (int i = 0; i < snap->nthreads; i++) {
		if (i)
			putchar(',');
		print_json_thread(pyproc_pid(pp), &snap->threads[i]);
	}
	printf("]}\n");
}

static int dump_run(int pid, int json)
{
	struct pyproc *pp = NULL;
	const struct py_snapshot *snap;
	char *why = NULL;
	int e = dump_open(pid, &pp, &why);

	if (e == 0)
		e = dump_snapshot(pp, &snap, &why);
	if (e < 0) {
		if (e == -EAGAIN)
			hp_err("%s; try again in a moment", why);
		else if (e == -ESTALE)
			hp_err("%s %d times in a row; try again", why, DUMP_TRIES);
		else
			hp_err("%s", why);
		free(why);
		pyproc_close(pp);
		return HP_EXIT_FAIL;
	}
	if (json)
		print_json(pp, snap);
	else
		print_text(pp, snap);
	pyproc_close(pp);
	return HP_EXIT_OK;
}

static int cmd_dump(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, json = 0;
	long pid;

	opterr = 0; /* one line of our own instead of getopt's */
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			cmd_print_usage(ctx, &cmd_dump_entry, dump_help);
			return HP_EXIT_OK;
		default:
			return cmd_usage_error(ctx, argv[0], "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(ctx, argv[0], optind < argc ? "only one PID, please"
								   : "which process? give its PID");
	if (hp_parse_long(argv[optind], 1, 0x7fffffff, &pid) < 0)
		return cmd_usage_error(ctx, argv[0], "'%s' is not a process id", argv[optind]);
	return dump_run((int)pid, json);
}

const struct cmd_entry cmd_dump_entry = {
	.name = "dump",
	.usage = "dump [--json] PID",
	.summary = "print the current stack of every thread of a process",
	.exec = cmd_dump,
};
