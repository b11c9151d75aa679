/* backends.c — the sampling backends built into this hprof, and what to say
 * about the ones that are not.
 *
 * Adding a backend (e.g. the native helper's perf backend) takes two lines
 * (one here), in the same commit as the backend itself:
 *
 *   1. its declaration in profiler/native/native.h (or its own header,
 *      included below), e.g.  extern const struct sampler_ops perf_sampler_ops;
 *   2. its entry in sampler_backends[], before the NULL:
 *        &perf_sampler_ops,
 *      An optional backend wraps both lines in the configure symbol that
 *      builds it:
 *        #ifdef HAVE_BPF
 *        &bpf_sampler_ops,
 *        #endif
 * backend_missing[] says why a known backend is absent when it is asked for;
 * it is only read when sampler_find() fails, so entries may stay.
 * A backend that follows new child processes by itself when
 * sampler_opts.inherit is set (the kernel's inheritance of perf events) is
 * named in backend_inherits() so the session does not add children twice.
 */
#include "config.h"

#include "backends.h"
#include "native/native.h"
#include "python/pyproc.h"

#include <stddef.h>
#include <string.h>

const struct sampler_ops *const sampler_backends[] = {
	&python_sampler_ops,
	&perf_sampler_ops,
	&ptrace_sampler_ops,
	&mixed_sampler_ops,
#ifdef HAVE_BPF
	&bpf_sampler_ops,
#endif
	NULL,
};

static const struct {
	const char *name, *why;
} backend_missing[] = {
	{ "python", "the CPython backend is not part of this build yet" },
	{ "perf", "the perf_events backend is not part of this build yet" },
	{ "ptrace", "the ptrace backend is not part of this build yet" },
	{ "mixed", "the mixed Python/native backend is not part of this build yet" },
#ifdef HAVE_BPF
	{ "bpf", "the eBPF backend is not part of this build yet" },
#else
	{ "bpf", "configure found no libbpf, clang, bpftool or kernel BTF; "
		 "install libbpf-dev clang bpftool and re-run configure" },
#endif
};

const struct sampler_ops *sampler_find(const char *name)
{
	for (size_t i = 0; sampler_backends[i]; i++)
		if (strcmp(sampler_backends[i]->name, name) == 0)
			return sampler_backends[i];
	return NULL;
}

const char *backend_not_built(const char *name)
{
	if (sampler_find(name))
		return NULL;
	for (size_t i = 0; i < sizeof backend_missing / sizeof backend_missing[0]; i++)
		if (strcmp(backend_missing[i].name, name) == 0)
			return backend_missing[i].why;
	return "no backend has that name (known: python, perf, ptrace, bpf, mixed)";
}

int backend_inherits(const struct sampler_ops *ops)
{
	return ops && (strcmp(ops->name, "perf") == 0 || strcmp(ops->name, "bpf") == 0);
}
