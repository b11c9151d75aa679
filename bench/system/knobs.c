/* knobs.c — the table of tuning knobs, in the order show prints them. */
#include "config.h"

#include "bench/system.h"

extern const struct knob_ops knob_cpus, knob_aslr, knob_perf_rate, knob_governor,
	knob_intel_turbo, knob_cpufreq_boost, knob_min_freq, knob_irq_affinity, knob_irqbalance,
	knob_isolation, knob_smt, knob_thp, knob_nmi_watchdog, knob_swap, knob_power;

const struct knob_ops *const system_knobs[] = {
	&knob_cpus, &knob_governor, &knob_intel_turbo, &knob_cpufreq_boost, &knob_min_freq,
	&knob_smt, &knob_irq_affinity, &knob_irqbalance, &knob_isolation, &knob_aslr,
	&knob_perf_rate, &knob_nmi_watchdog, &knob_thp, &knob_swap, &knob_power, NULL,
};
