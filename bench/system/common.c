/* common.c — what every tuning knob shares: paths under the (possibly fake)
 * root, reading values, and the journal that lets `reset` restore exactly
 * the values `tune` replaced. */
#include "config.h"

#include "bench/system.h"
#include "bench/spawn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSFS_MAGIC_NUMBER 0x62656572

struct journal_entry {
	char *knob;
	enum sys_kind kind;
	char *path;
	char *old; /* exact bytes read before the change */
};

char *sys_path(const struct sysctx *ctx, const char *path)
{
	return xasprintf("%s%s", ctx->root, path);
}

int sys_exists(const struct sysctx *ctx, const char *path)
{
	char *p = sys_path(ctx, path);
	int ok = access(p, F_OK) == 0;
	free(p);
	return ok;
}

char *sys_read(const struct sysctx *ctx, const char *path)
{
	char *p = sys_path(ctx, path), *text = hp_read_file(p, NULL);
	free(p);
	return text;
}

char *sys_read_line(const struct sysctx *ctx, const char *path)
{
	char *text = sys_read(ctx, path), *s, *e;
	if (!text)
		return NULL;
	s = text + strspn(text, " \t");
	e = s + strcspn(s, "\n");
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	s = xstrndup(s, (size_t)(e - s));
	free(text);
	return s;
}

static char *choice_selected(const char *line)
{
	const char *b = strchr(line, '['), *e = b ? strchr(b, ']') : NULL;
	if (b && e)
		return xstrndup(b + 1, (size_t)(e - b - 1));
	return xstrndup(line, strcspn(line, " \n"));
}

char *sys_read_choice(const struct sysctx *ctx, const char *path)
{
	char *line = sys_read_line(ctx, path), *sel;
	if (!line)
		return NULL;
	sel = choice_selected(line);
	free(line);
	return sel;
}

int sys_read_long(const struct sysctx *ctx, const char *path, long *out)
{
	char *line = sys_read_line(ctx, path);
	int rc = line ? hp_parse_long(line, -0x7fffffffL, 0x7fffffffL, out) : -ENOENT;
	free(line);
	return rc;
}

void sys_cpulist(const cpu_set_t *set, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int c = 0; c < CPU_SETSIZE && len < n; c++) {
		int e = c;
		if (!CPU_ISSET(c, set))
			continue;
		while (e + 1 < CPU_SETSIZE && CPU_ISSET(e + 1, set))
			e++;
		len += (size_t)snprintf(buf + len, n - len, "%s%d", len ? "," : "", c);
		if (e > c && len < n)
			len += (size_t)snprintf(buf + len, n - len, "-%d", e);
		c = e;
	}
}

int sys_process_running(const struct sysctx *ctx, const char *comm)
{
	char *dir = sys_path(ctx, "/proc");
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;
	free(dir);
	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		char *path, *name;
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		path = xasprintf("/proc/%s/comm", de->d_name);
		name = sys_read_line(ctx, path);
		found = name && strcmp(name, comm) == 0;
		free(name);
		free(path);
	}
	closedir(d);
	return found;
}

/* ---- writing and the journal ------------------------------------------- */

static int write_bytes(const char *path, const char *bytes, char **why)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	size_t len = strlen(bytes);
	ssize_t n;
	if (fd < 0)
		return hp_fail(why, -errno, "cannot open %s: %s", path, strerror(errno));
	n = write(fd, bytes, len);
	if (n < 0 || (size_t)n != len) {
		int err = n < 0 ? errno : EIO;
		close(fd);
		return hp_fail(why, -err, "cannot write '%.*s' to %s: %s", (int)strcspn(bytes, "\n"),
			       bytes, path, strerror(err));
	}
	if (close(fd) < 0)
		return hp_fail(why, -errno, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

static int on_sysfs(const char *path)
{
	struct statfs sf;
	return statfs(path, &sf) == 0 && sf.f_type == SYSFS_MAGIC_NUMBER;
}

/* Select `word` in a choice file.  sysfs renders the brackets itself; a
 * plain file (the fake tree) gets the line rendered the way sysfs would. */
static int write_choice(const char *path, const char *word, char **why)
{
	struct strbuf sb;
	char *line, *tok, *save = NULL;
	int rc;
	if (on_sysfs(path) || !(line = hp_read_file(path, NULL)))
		return write_bytes(path, word, why);
	strbuf_init(&sb);
	line[strcspn(line, "\n")] = '\0';
	for (tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *plain = choice_selected(tok);
		strbuf_printf(&sb, strcmp(plain, word) == 0 ? "%s[%s]" : "%s%s", sb.len ? " " : "",
			      plain);
		free(plain);
	}
	strbuf_puts(&sb, "\n");
	free(line);
	rc = write_bytes(path, sb.buf, why);
	strbuf_done(&sb);
	return rc;
}

static char *hex_encode(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (; *s; s++)
		strbuf_printf(&sb, "%02x", (unsigned char)*s);
	return strbuf_detach(&sb);
}

static char *hex_decode(const char *h)
{
	size_t n = strlen(h) / 2;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(h + 2 * i, "%2x", &v) != 1) {
			free(out);
			return NULL;
		}
		out[i] = (char)v;
	}
	out[n] = '\0';
	return out;
}

static struct journal_entry *journal_find(struct sysctx *ctx, const char *path)
{
	for (size_t i = 0; i < ctx->njournal; i++)
		if (strcmp(ctx->journal[i].path, path) == 0)
			return &ctx->journal[i];
	return NULL;
}

static void journal_push(struct sysctx *ctx, const char *knob, enum sys_kind kind,
			 const char *path, char *old)
{
	struct journal_entry *e;
	ctx->journal = xreallocarray(ctx->journal, ctx->njournal + 1, sizeof(*ctx->journal));
	e = &ctx->journal[ctx->njournal++];
	e->knob = xstrdup(knob);
	e->kind = kind;
	e->path = xstrdup(path);
	e->old = old;
}

static int mkdir_parents(const char *file)
{
	char *dir = xstrdup(file);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
			free(dir);
			return -errno;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* Append one entry to the journal file and flush it to disk before the
 * value it saves is changed. */
static int journal_append(struct sysctx *ctx, const struct journal_entry *e, char **why)
{
	char *hex = hex_encode(e->old);
	FILE *f;
	int rc = mkdir_parents(ctx->state_path), bad;
	if (rc < 0 || !(f = fopen(ctx->state_path, "a"))) {
		free(hex);
		return hp_fail(why, rc < 0 ? rc : -errno, "cannot save the old value in %s: %s",
			       ctx->state_path, strerror(rc < 0 ? -rc : errno));
	}
	fprintf(f, "%s\t%d\t%s\t%s\n", e->knob, (int)e->kind, e->path, hex);
	free(hex);
	bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad)
		return hp_fail(why, -EIO, "cannot save the old value in %s", ctx->state_path);
	return 0;
}

static int journal_load(struct sysctx *ctx, char **why)
{
	char *text = hp_read_file(ctx->state_path, NULL), *line, *save = NULL;
	if (!text)
		return errno == ENOENT ? 0
				       : hp_fail(why, -errno, "cannot read %s: %s", ctx->state_path,
						 strerror(errno));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[4], *rest = line, *old;
		long kind;
		for (int i = 0; i < 4; i++)
			f[i] = strsep(&rest, "\t");
		if (!f[3] || hp_parse_long(f[1], SYS_RAW, SYS_SERVICE, &kind) < 0 ||
		    !(old = hex_decode(f[3])))
			goto corrupt;
		journal_push(ctx, f[0], (enum sys_kind)kind, f[2], old);
	}
	free(text);
	return 0;
corrupt:
	free(text);
	return hp_fail(why, -EINVAL, "%s is damaged: fix or remove it by hand", ctx->state_path);
}

static char *shown(const char *bytes)
{
	return xstrndup(bytes, strcspn(bytes, "\n"));
}

int sys_write(struct sysctx *ctx, const char *knob, const char *path, const char *value,
	      enum sys_kind kind, char **why)
{
	char *full = sys_path(ctx, path), *old = hp_read_file(full, NULL), *cur, *line = NULL;
	int rc = 0;
	if (!old) {
		rc = hp_fail(why, -errno, "cannot read %s: %s", full, strerror(errno));
		goto cleanup;
	}
	cur = kind == SYS_CHOICE ? choice_selected(old) : shown(old);
	if (strcmp(cur, value) != 0 && !journal_find(ctx, path)) {
		journal_push(ctx, knob, kind, path, xstrdup(old));
		rc = journal_append(ctx, &ctx->journal[ctx->njournal - 1], why);
	}
	if (!rc && strcmp(cur, value) != 0) {
		line = xasprintf("%s\n", value);
		rc = kind == SYS_CHOICE ? write_choice(full, value, why) : write_bytes(full, line, why);
		if (!rc)
			strbuf_printf(&ctx->log, "%s: %s: %s -> %s\n", knob, path, cur, value);
	}
	if (rc)
		ctx->failures++;
	free(cur);
	free(line);
cleanup:
	free(old);
	free(full);
	return rc;
}

int sys_journal_service(struct sysctx *ctx, const char *knob, const char *service, char **why)
{
	char *path = xasprintf("service:%s", service);
	int rc = 1;
	if (!journal_find(ctx, path)) {
		journal_push(ctx, knob, SYS_SERVICE, path, xstrdup("running"));
		rc = journal_append(ctx, &ctx->journal[ctx->njournal - 1], why);
	}
	free(path);
	return rc;
}

int sys_service(const char *action, const char *service, char **why)
{
	char *argv[] = { (char *)"systemctl", (char *)action, (char *)service, NULL };
	struct spawn_spec s;
	struct spawn_result r;
	int rc;
	spawn_spec_init(&s, argv);
	rc = spawn_run(&s, &r, why);
	if (rc)
		return rc;
	if (r.exit_code)
		return hp_fail(why, -EIO, "'systemctl %s %s' failed with status %d", action,
			       service, r.exit_code);
	return 0;
}

static int restore_one(struct sysctx *ctx, const struct journal_entry *e, char **why)
{
	char *full, *sel, *now;
	int rc;
	if (e->kind == SYS_SERVICE) {
		const char *name = e->path + strlen("service:");
		if (*ctx->root) {
			strbuf_printf(&ctx->log, "%s: would start %s (not under --sysroot)\n",
				      e->knob, name);
			return 0;
		}
		rc = sys_service("start", name, why);
		if (!rc)
			strbuf_printf(&ctx->log, "%s: started %s again\n", e->knob, name);
		return rc;
	}
	full = sys_path(ctx, e->path);
	now = hp_read_file(full, NULL);
	sel = e->kind == SYS_CHOICE ? choice_selected(e->old) : shown(e->old);
	rc = e->kind == SYS_CHOICE ? write_choice(full, sel, why) : write_bytes(full, e->old, why);
	if (!rc) {
		char *cur = now ? (e->kind == SYS_CHOICE ? choice_selected(now) : shown(now))
				: xstrdup("?");
		strbuf_printf(&ctx->log, "%s: %s: %s -> %s\n", e->knob, e->path, cur, sel);
		free(cur);
	}
	free(now);
	free(sel);
	free(full);
	return rc;
}

int sys_reset(struct sysctx *ctx, char **why)
{
	int restored = 0;
	if (ctx->njournal == 0)
		return 0;
	for (size_t i = ctx->njournal; i-- > 0;) {
		char *err = NULL;
		if (restore_one(ctx, &ctx->journal[i], &err) == 0) {
			restored++;
			continue;
		}
		ctx->failures++;
		strbuf_printf(&ctx->log, "%s: FAILED: %s\n", ctx->journal[i].knob, err);
		free(err);
	}
	if (ctx->failures == 0) {
		if (unlink(ctx->state_path) < 0 && errno != ENOENT)
			return hp_fail(why, -errno, "values restored, but cannot remove %s: %s",
				       ctx->state_path, strerror(errno));
		return restored;
	}
	return hp_fail(why, -EIO, "%d value(s) could not be restored; %s is kept for another try",
		       ctx->failures, ctx->state_path);
}

/* ---- context ------------------------------------------------------------ */

static void default_online(cpu_set_t *set)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	CPU_ZERO(set);
	for (long c = 0; c < (n > 0 ? n : 1); c++)
		CPU_SET((int)c, set);
}

int sysctx_init(struct sysctx *ctx, const char *root, const char *cpus, const char *state,
		char **why)
{
	char *line;
	int rc;
	memset(ctx, 0, sizeof(*ctx));
	ctx->root = xstrdup(root && strcmp(root, "/") != 0 ? root : "");
	if (*ctx->root && ctx->root[strlen(ctx->root) - 1] == '/')
		ctx->root[strlen(ctx->root) - 1] = '\0';
	ctx->state_path = state ? xstrdup(state) : xasprintf("%s/run/hpbench/tune-saved", ctx->root);
	strbuf_init(&ctx->log);
	line = sys_read_line(ctx, "/sys/devices/system/cpu/online");
	if (!line || spawn_parse_cpus(line, &ctx->online, NULL) < 0)
		default_online(&ctx->online);
	free(line);
	ctx->cpus = ctx->online;
	if (cpus) {
		if ((rc = spawn_parse_cpus(cpus, &ctx->cpus, why)) < 0)
			return rc;
		ctx->cpus_given = 1;
	} else if ((line = sys_read_line(ctx, "/sys/devices/system/cpu/isolated")) && *line) {
		/* like pyperf: isolated CPUs are the ones meant for benchmarks */
		if (spawn_parse_cpus(line, &ctx->cpus, NULL) < 0)
			ctx->cpus = ctx->online;
	}
	free(line);
	return journal_load(ctx, why);
}

void sysctx_done(struct sysctx *ctx)
{
	for (size_t i = 0; i < ctx->njournal; i++) {
		free(ctx->journal[i].knob);
		free(ctx->journal[i].path);
		free(ctx->journal[i].old);
	}
	free(ctx->journal);
	strbuf_done(&ctx->log);
	free(ctx->state_path);
	free(ctx->root);
	memset(ctx, 0, sizeof(*ctx));
}

const struct knob_ops *system_knob_find(const char *name)
{
	for (int i = 0; system_knobs[i]; i++)
		if (strcmp(system_knobs[i]->name, name) == 0)
			return system_knobs[i];
	return NULL;
}

void int_knob_show(struct sysctx *ctx, const struct int_knob *k, struct knob_report *r)
{
	long v;
	if (sys_read_long(ctx, k->path, &v) < 0)
		knob_set(r, KNOB_NA, "", "not applicable here (%s)", k->missing);
	else if (v == k->good)
		knob_set(r, KNOB_OK, k->good_text, NULL);
	else
		knob_set(r, KNOB_BAD, k->bad_text, "%s", k->tune_note);
}

int int_knob_tune(struct sysctx *ctx, const struct int_knob *k, char **why)
{
	char val[32];
	snprintf(val, sizeof val, "%ld", k->good);
	return sys_write(ctx, k->name, k->path, val, SYS_RAW, why);
}

void knob_report_done(struct knob_report *r)
{
	free(r->value);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

void knob_set(struct knob_report *r, enum knob_state st, const char *value, const char *fmt, ...)
{
	va_list ap;
	knob_report_done(r);
	r->state = st;
	r->value = xstrdup(value ? value : "");
	if (fmt) {
		va_start(ap, fmt);
		r->note = xvasprintf(fmt, ap);
		va_end(ap);
	}
}
