/* schema.c — the database schema as forward migrations, one per version. */
#include "config.h"

#include "schema.h"

#include <stddef.h>

/* migrations[i] takes a database from user_version i to i + 1.  Never edit a
 * released step: add a new one. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('profile', 'bench')),"
	"  name TEXT,"
	"  command TEXT NOT NULL,"
	"  cwd TEXT,"
	"  pid INTEGER,"
	"  started_ns INTEGER NOT NULL,"
	"  ended_ns INTEGER,"
	"  status TEXT NOT NULL DEFAULT 'running',"
	"  exit_code INTEGER,"
	"  sampler TEXT,"
	"  rate_hz REAL,"
	"  mode TEXT,"
	"  settings TEXT,"
	"  samples INTEGER NOT NULL DEFAULT 0,"
	"  errors INTEGER NOT NULL DEFAULT 0,"
	"  hostname TEXT, kernel TEXT, cpu_model TEXT, cpu_count INTEGER,"
	"  python_version TEXT,"
	"  parent_run INTEGER REFERENCES runs(id) ON DELETE SET NULL"
	");"
	"CREATE INDEX runs_name ON runs(name);"
	"CREATE TABLE run_meta ("
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL, value TEXT,"
	"  PRIMARY KEY (run, key)"
	") WITHOUT ROWID;"
	"CREATE TABLE processes ("
	"  id INTEGER PRIMARY KEY,"
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  pid INTEGER NOT NULL, ppid INTEGER, command TEXT, python_version TEXT,"
	"  started_ns INTEGER, ended_ns INTEGER, exit_code INTEGER,"
	"  UNIQUE (run, pid)"
	");"
	"CREATE TABLE threads ("
	"  id INTEGER PRIMARY KEY,"
	"  process INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,"
	"  tid INTEGER NOT NULL, name TEXT,"
	"  UNIQUE (process, tid)"
	");"
	"CREATE TABLE frames ("
	"  id INTEGER PRIMARY KEY,"
	"  kind INTEGER NOT NULL,"
	"  function TEXT NOT NULL, file TEXT NOT NULL DEFAULT '',"
	"  line INTEGER NOT NULL DEFAULT 0, def_line INTEGER NOT NULL DEFAULT 0,"
	"  module TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (kind, function, file, line, def_line, module)"
	");"
	"CREATE TABLE stacks ("
	"  id INTEGER PRIMARY KEY,"
	"  parent INTEGER NOT NULL DEFAULT 0,"
	"  frame INTEGER NOT NULL REFERENCES frames(id),"
	"  depth INTEGER NOT NULL,"
	"  UNIQUE (parent, frame)"
	");"
	"CREATE TABLE samples ("
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  thread INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,"
	"  stack INTEGER NOT NULL REFERENCES stacks(id),"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  count INTEGER NOT NULL,"
	"  PRIMARY KEY (run, thread, stack, state)"
	") WITHOUT ROWID;"
	"CREATE TABLE sample_times ("
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  thread INTEGER NOT NULL, stack INTEGER NOT NULL, t_ns INTEGER NOT NULL"
	");"
	"CREATE INDEX sample_times_run ON sample_times(run, t_ns);"
	"CREATE TABLE bench_values ("
	"  id INTEGER PRIMARY KEY,"
	"  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  process INTEGER NOT NULL DEFAULT 0,"
	"  warmup INTEGER NOT NULL DEFAULT 0,"
	"  loops INTEGER NOT NULL DEFAULT 1,"
	"  value REAL NOT NULL,"
	"  wall_ns INTEGER, user_ns INTEGER, sys_ns INTEGER, max_rss_kb INTEGER,"
	"  exit_status INTEGER"
	");"
	"CREATE INDEX bench_values_run ON bench_values(run, seq);",
};

int schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *schema_migration(int from)
{
	if (from < 0 || from >= schema_latest())
		return NULL;
	return migrations[from];
}
