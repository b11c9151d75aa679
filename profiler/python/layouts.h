/* layouts.h — where CPython keeps what hprof reads, per minor version.
 *
 * 3.8-3.12: generated tables (layouts.c, by tools/gen-pylayouts).
 * 3.13+: filled at attach time from _Py_DebugOffsets (pyruntime.c).
 * A field that does not exist in a version is 0 and unused: the reader
 * decides by version which ones apply (several real offsets are 0 too).
 */
#ifndef HP_PY_LAYOUTS_H
#define HP_PY_LAYOUTS_H

#include <stdint.h>

struct py_layout {
	int minor;              /* 3.<minor> */
	const char *built_from; /* the patch version the table was generated from */

	/* _PyRuntimeState */
	uint32_t rt_interpreters_head;
	uint32_t rt_tstate_current;    /* 3.8-3.11: gilstate.tstate_current */

	/* PyInterpreterState */
	uint32_t is_next, is_threads_head;
	uint32_t is_id;                       /* int64_t id: 0 = main interpreter */
	uint32_t is_gil;                      /* 3.12+: ceval.gil (a pointer) */
	uint32_t gil_locked, gil_last_holder; /* 3.12+: in struct _gil_runtime_state */

	/* PyThreadState */
	uint32_t ts_next, ts_interp, ts_thread_id;
	uint32_t ts_native_thread_id; /* 3.11+ */
	uint32_t ts_frame;            /* 3.8-3.10: PyFrameObject *frame; 3.13: current_frame */
	uint32_t ts_cframe;           /* 3.11-3.12: _PyCFrame *cframe */
	uint32_t cf_current_frame;    /* 3.11-3.12: in _PyCFrame */

	/* PyFrameObject (3.8-3.10) or _PyInterpreterFrame (3.11+) */
	uint32_t fr_size;     /* bytes to read for one frame */
	uint32_t fr_back;     /* f_back / previous */
	uint32_t fr_code;     /* f_code / f_executable */
	uint32_t fr_lasti;    /* 3.8-3.10: int f_lasti */
	uint32_t fr_instr;    /* 3.11-3.12 prev_instr, 3.13 instr_ptr */
	uint32_t fr_owner;    /* 3.11+: char owner */
	uint32_t fr_is_entry; /* 3.11: bool is_entry */

	/* PyCodeObject */
	uint32_t co_size; /* bytes to read for the fixed part */
	uint32_t co_filename, co_name, co_qualname, co_firstlineno;
	uint32_t co_linetable;      /* co_lnotab (3.8-3.9) / co_linetable (3.10+) */
	uint32_t co_code;           /* 3.8-3.10: the bytes object holding the code */
	uint32_t co_code_adaptive;  /* 3.11+: the code units, inline */
	uint32_t co_firsttraceable; /* 3.11-3.12: int _co_firsttraceable */

	/* objects */
	uint32_t ob_type, var_size, bytes_sval;
	uint32_t str_length, str_state, str_ascii_size, str_compact_size;
};

/* The generated tables, NULL-terminated. */
extern const struct py_layout *const py_layouts[];

/* The table for 3.<minor>, or NULL. */
const struct py_layout *py_layout_find(int minor);

#endif
