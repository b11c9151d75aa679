/* backends.h — choosing among the built-in sampling backends (backends.c);
 * sampler_backends[] and sampler_find() themselves are declared in sampler.h. */
#ifndef HP_BACKENDS_H
#define HP_BACKENDS_H

#include "sampler.h"

/* NULL when `name` is built in; otherwise why it is not (one sentence). */
const char *backend_not_built(const char *name);
/* 1 when the backend follows children itself (kernel-inherited perf events). */
int backend_inherits(const struct sampler_ops *ops);

#endif
