/* linetable.h — CPython's bytecode-offset -> line tables, decoded once.
 *
 * 3.8-3.9 co_lnotab, 3.10 co_linetable, 3.11+ the location table: each is
 * turned into sorted ranges of byte offsets so a sample's line is a binary
 * search.  Offsets are in bytes of bytecode (one code unit = 2 bytes).
 */
#ifndef HP_PY_LINETABLE_H
#define HP_PY_LINETABLE_H

#include <stddef.h>
#include <stdint.h>

struct pyline_range {
	uint32_t start, end; /* [start, end) in bytes */
	int line;            /* 0: no line (e.g. artificial instructions) */
};

struct pyline_table {
	struct pyline_range *r;
	size_t n;
	int firstlineno;
};

/* Decode the raw table of a code object of CPython 3.<minor>.  0, or
 * -EINVAL when the bytes are not a valid table (a torn read). */
int pyline_decode(int minor, const uint8_t *tab, size_t len, int firstlineno,
		  struct pyline_table *out);
void pyline_done(struct pyline_table *t);

/* The line of the instruction at byte offset `off`; a negative offset (the
 * frame has not started) gives the first line; 0 when the table has none. */
int pyline_lookup(const struct pyline_table *t, long off);

/* Byte offset of the current instruction from what the frame records:
 * 3.8-3.9 f_lasti is in bytes, 3.10 f_lasti counts code units, 3.11+ the
 * caller passes the instruction index (prev_instr/instr_ptr - code start). */
long pyline_offset(int minor, long lasti);

#endif
