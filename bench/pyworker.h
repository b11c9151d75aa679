/* pyworker.h — the Python side of hpbench: a small worker script (kept in
 * this binary, run with `python -c`) that times statements in a fresh
 * interpreter and reports over a pipe on its fd 3, one line per message:
 *   meta KEY VALUE          interpreter facts (version, build flags, ...)
 *   calibrate LOOPS RAW     a calibration value (raw seconds for LOOPS)
 *   loops N                 the calibrated loop count
 *   warmup LOOPS RAW / value LOOPS RAW
 *   error TEXT              the statement or setup raised */
#ifndef HP_BENCH_PYWORKER_H
#define HP_BENCH_PYWORKER_H

#include "bench/spawn.h"
#include "store.h"

#include <stdint.h>

/* Is argv0 a Python interpreter by its name (python, python3.12, ...)? */
int pyworker_is_python(const char *argv0);
/* "3.12" -> the pyenv or system interpreter of that version; a path or a
 * command name is kept.  NULL + *why when a version is not installed. */
char *pyworker_resolve(const char *spec, char **why);

struct pyworker_job {
	const char *python;
	const char *mode;   /* "meta", "calibrate" or "run" */
	long loops;
	int warmups, values;
	double value_time;  /* calibrate: seconds one value should last */
	const char *setup, *stmt, *teardown;
	const struct spawn_spec *base; /* affinity, environment, hooks */
};

/* Called per message line (kind, rest of the line); non-zero stops. */
typedef int (*pyworker_fn)(const char *kind, const char *rest, void *arg);

/* Run one worker to the end, feeding its messages to fn.  Fails when the
 * worker reports an error or exits non-zero; *res gets its rusage. */
int pyworker_run(const struct pyworker_job *job, pyworker_fn fn, void *arg,
		 struct spawn_result *res, char **why);

/* Store the interpreter's facts as run metadata (and runs.python_version). */
int pyworker_meta(const char *python, struct store *st, int64_t run, char **why);

#endif
