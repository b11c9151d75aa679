/* irq-affinity.c — keep interrupts off the benchmark CPUs: every IRQ's
 * smp_affinity (and the default for new ones) is set to the other online
 * CPUs.  Only possible when the benchmarks use a subset of the CPUs
 * (isolated CPUs, or --cpus). */
#include "config.h"

#include "bench/system.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "00000000,00000003" -> CPU set */
static void mask_parse(const char *text, cpu_set_t *set)
{
	int bit = 0;
	CPU_ZERO(set);
	for (const char *p = text + strlen(text); p-- > text;) {
		int d;
		if (*p == ',' || isspace((unsigned char)*p))
			continue;
		if (!isxdigit((unsigned char)*p))
			break;
		d = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		for (int i = 0; i < 4; i++, bit++)
			if ((d >> i) & 1 && bit < CPU_SETSIZE)
				CPU_SET(bit, set);
	}
}

/* CPU set -> hex mask in 32-bit groups, as the kernel prints it */
static void mask_format(const cpu_set_t *set, char *buf, size_t n)
{
	int top = 0;
	size_t len = 0;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, set))
			top = c / 32;
	buf[0] = '\0';
	for (int g = top; g >= 0 && len < n; g--) {
		unsigned word = 0;
		for (int b = 0; b < 32; b++)
			if (CPU_ISSET(g * 32 + b, set))
				word |= 1u << b;
		len += (size_t)snprintf(buf + len, n - len, g == top ? "%x" : ",%08x", word);
	}
}

static int others(struct sysctx *ctx, cpu_set_t *out)
{
	CPU_XOR(out, &ctx->online, &ctx->cpus);
	CPU_AND(out, out, &ctx->online);
	return CPU_COUNT(out);
}

/* Calls fn for default_smp_affinity and each /proc/irq/N/smp_affinity. */
static int each_irq(struct sysctx *ctx, int (*fn)(struct sysctx *, const char *, void *), void *arg)
{
	char *dir = sys_path(ctx, "/proc/irq");
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = fn(ctx, "/proc/irq/default_smp_affinity", arg);
	free(dir);
	while (d && (de = readdir(d))) {
		char *path;
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		path = xasprintf("/proc/irq/%s/smp_affinity", de->d_name);
		if (sys_exists(ctx, path))
			rc |= fn(ctx, path, arg);
		free(path);
	}
	if (d)
		closedir(d);
	return rc;
}

struct irq_count {
	int total, on_bench;
};

static int count_one(struct sysctx *ctx, const char *path, void *arg)
{
	struct irq_count *n = arg;
	char *text = sys_read_line(ctx, path);
	cpu_set_t set;
	if (!text)
		return 0;
	mask_parse(text, &set);
	CPU_AND(&set, &set, &ctx->cpus);
	n->total++;
	n->on_bench += CPU_COUNT(&set) > 0;
	free(text);
	return 0;
}

static void irq_show(struct sysctx *ctx, struct knob_report *r)
{
	struct irq_count n = { 0, 0 };
	cpu_set_t rest;
	char val[64];
	if (!sys_exists(ctx, "/proc/irq/default_smp_affinity")) {
		knob_set(r, KNOB_NA, "", "not applicable here (no /proc/irq)");
		return;
	}
	each_irq(ctx, count_one, &n);
	snprintf(val, sizeof val, "%d of %d IRQs may use the benchmark CPUs", n.on_bench, n.total);
	if (others(ctx, &rest) == 0)
		knob_set(r, KNOB_INFO, val, "benchmarks use every CPU: isolate CPUs or pass --cpus "
			 "so IRQs can go to the others");
	else if (n.on_bench)
		knob_set(r, KNOB_BAD, val, "tune moves them to the other CPUs");
	else
		knob_set(r, KNOB_OK, val, NULL);
}

static int move_one(struct sysctx *ctx, const char *path, void *arg)
{
	char *text = sys_read_line(ctx, path);
	cpu_set_t set;
	int rc = 0;
	if (!text)
		return 0;
	mask_parse(text, &set);
	CPU_AND(&set, &set, &ctx->cpus);
	if (CPU_COUNT(&set) && sys_write(ctx, "irq-affinity", path, arg, SYS_RAW, NULL) < 0) {
		/* per-CPU interrupts (timers, IPIs) refuse to move: that is fine */
		ctx->failures--;
		rc = 0;
	}
	free(text);
	return rc;
}

static int irq_tune(struct sysctx *ctx, char **why)
{
	cpu_set_t rest;
	char mask[256];
	if (others(ctx, &rest) == 0 || !sys_exists(ctx, "/proc/irq/default_smp_affinity"))
		return 0;
	mask_format(&rest, mask, sizeof mask);
	return each_irq(ctx, move_one, mask);
}

const struct knob_ops knob_irq_affinity = {
	.name = "irq-affinity",
	.summary = "interrupts kept off the benchmark CPUs",
	.show = irq_show,
	.tune = irq_tune,
};
