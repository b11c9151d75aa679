/* util.h — messages, allocation that cannot fail, small string helpers. */
#ifndef HP_UTIL_H
#define HP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* Exit statuses shared by every program (documented in the man pages). */
enum { HP_EXIT_OK = 0, HP_EXIT_FAIL = 1, HP_EXIT_USAGE = 2 };

/* The program name used as the prefix of every message ("hprof", ...). */
void hp_set_progname(const char *name);
const char *hp_progname(void);

/* One line on stderr: "prog: message".  Only the command layer calls these. */
void hp_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void hp_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Verbosity for hp_info (notices), set by -q/-v. 0 = quiet. */
extern int hp_verbosity;
void hp_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation: out of memory is the one fatal error in library code. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Set *why (if why != NULL) to a new formatted message; returns `ret`. */
int hp_fail(char **why, int ret, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A growable string. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void strbuf_init(struct strbuf *sb);
void strbuf_done(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Detach the buffer (never NULL) and reset sb. */
char *strbuf_detach(struct strbuf *sb);

/* Monotonic and wall clocks in nanoseconds. */
uint64_t hp_now_ns(void);
uint64_t hp_wall_ns(void);

/* Parse helpers for options: 0 on success, -EINVAL otherwise. */
int hp_parse_long(const char *s, long min, long max, long *out);
int hp_parse_double(const char *s, double min, double max, double *out);

/* Read a whole small file (e.g. under /proc) into a new NUL-terminated buffer. */
char *hp_read_file(const char *path, size_t *len_out);

/* Join argv with spaces, quoting words that need it for a shell. */
char *hp_argv_join(int argc, char *const argv[]);

#define HP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
