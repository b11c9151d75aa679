/* test-query-fixture.h — build profile databases from a small text spec,
 * through the real store API, for the query tests and report-*.sh.
 *
 * One directive per line ('#' starts a comment):
 *   run COMMAND...                a new profile run (the current one)
 *   bench COMMAND...              a new bench run (to test "not a profile")
 *   finish STATUS SAMPLES ERRORS DURATION_S [RATE_HZ [PYTHON_VERSION]]
 *   process PID [COMMAND...]      the current process
 *   thread TID [NAME]             the current thread (of the current process)
 *   sample COUNT [idle] FRAME...  frames root first, each KIND|FUNCTION|FILE|LINE|DEF[|MODULE]
 *                                 with KIND py, native or kernel
 */
#ifndef HP_TEST_QUERY_FIXTURE_H
#define HP_TEST_QUERY_FIXTURE_H

#include <stdint.h>

#include "store.h"

/* Apply a whole spec in one transaction; *last_run is the last run created. */
int fixture_apply(struct store *st, const char *spec, int64_t *last_run, char **why);

#endif
