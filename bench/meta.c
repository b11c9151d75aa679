/* meta.c — run metadata for benchmark runs (see meta.h).  The system facts
 * come from the same knob code `hpbench system show` uses. */
#include "config.h"

#include "bench/meta.h"
#include "bench/system.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int meta_setf(struct store *st, int64_t run, const char *key, char **why, const char *fmt, ...)
{
	va_list ap;
	char *v;
	int rc;
	va_start(ap, fmt);
	v = xvasprintf(fmt, ap);
	va_end(ap);
	rc = store_run_meta_set(st, run, key, v, why);
	free(v);
	return rc;
}

/* The value `system show` reports for a knob ("n/a" when it has none). */
static char *knob_value(struct sysctx *ctx, const char *name)
{
	const struct knob_ops *k = system_knob_find(name);
	struct knob_report r = { 0 };
	char *v = NULL;
	if (!k)
		return NULL;
	k->show(ctx, &r);
	if (r.state == KNOB_NA)
		v = xstrdup("n/a"); /* recorded too: the machine has no such knob */
	else if (r.value && *r.value)
		v = xstrdup(r.value);
	knob_report_done(&r);
	return v;
}

static int meta_knobs(struct store *st, int64_t run, char **why)
{
	static const struct { const char *key, *knob; } map[] = {
		{ "cpu_governor", "governor" }, { "turbo", "intel-turbo" },
		{ "boost", "cpufreq-boost" }, { "aslr", "aslr" }, { "thp", "thp" },
		{ "perf_event_max_sample_rate", "perf-rate" }, { "smt", "smt" },
	};
	struct sysctx ctx;
	int rc = 0;
	if (sysctx_init(&ctx, NULL, NULL, "/dev/null", NULL) < 0) {
		sysctx_done(&ctx);
		return 0; /* no system facts: not worth failing the benchmark */
	}
	for (size_t i = 0; i < HP_ARRAY_SIZE(map) && !rc; i++) {
		char *v = knob_value(&ctx, map[i].knob);
		if (v)
			rc = store_run_meta_set(st, run, map[i].key, v, why);
		free(v);
	}
	sysctx_done(&ctx);
	return rc;
}

static int meta_affinity(struct store *st, int64_t run, const cpu_set_t *affinity, char **why)
{
	cpu_set_t set;
	char buf[256];
	if (affinity)
		set = *affinity;
	else if (sched_getaffinity(0, sizeof set, &set) < 0)
		return 0;
	sys_cpulist(&set, buf, sizeof buf);
	return store_run_meta_set(st, run, "cpu_affinity", buf, why);
}

int meta_collect_system(struct store *st, int64_t run, const cpu_set_t *affinity, char **why)
{
	char date[64], *load = hp_read_file("/proc/loadavg", NULL);
	time_t now = time(NULL);
	struct tm tm;
	int rc;
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	rc = store_run_meta_set(st, run, "date", date, why);
	if (!rc && load)
		rc = meta_setf(st, run, "load_avg_1min", why, "%.*s", (int)strcspn(load, " "), load);
	if (!rc)
		rc = meta_affinity(st, run, affinity, why);
	if (!rc)
		rc = meta_knobs(st, run, why);
	if (!rc)
		rc = store_run_meta_set(st, run, "hpbench_version", PACKAGE_VERSION, why);
	free(load);
	return rc;
}
