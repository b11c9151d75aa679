/* schema.h — the ordered migrations that build the store's schema. */
#ifndef HP_SCHEMA_H
#define HP_SCHEMA_H

/* The newest schema version this build knows. */
int schema_latest(void);
/* SQL taking a database from version `from` to `from + 1`, or NULL. */
const char *schema_migration(int from);

#endif
