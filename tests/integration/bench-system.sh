#!/bin/sh
# hpbench system show/tune/reset against a fake /sys and /proc tree that has
# every knob: tune changes what show marks "not tuned", reset puts back the
# very same bytes; without root nothing changes; show works on this machine.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
R="$HP_TMP/root"

mk() { mkdir -p "$(dirname "$R$1")"; printf "$2" > "$R$1"; }
C=/sys/devices/system/cpu
mk $C/online '0-3\n'
mk $C/isolated '2-3\n'
for c in 0 1 2 3; do
  mk $C/cpu$c/cpufreq/scaling_governor 'powersave\n'
  mk $C/cpu$c/cpufreq/scaling_min_freq '800000\n'
  mk $C/cpu$c/cpufreq/cpuinfo_max_freq '3600000\n'
  mk $C/cpu$c/topology/thread_siblings_list "$((c % 2)),$((c % 2 + 2))\n"
done
mk $C/smt/control 'on\n'
mk $C/intel_pstate/no_turbo '0\n'
mk $C/cpufreq/boost '1\n'
mk /sys/kernel/mm/transparent_hugepage/enabled 'always [madvise] never\n'
sed -i 's/always \[madvise\]/[always] madvise/' "$R/sys/kernel/mm/transparent_hugepage/enabled"
mk /sys/class/power_supply/AC/type 'Mains\n'
mk /sys/class/power_supply/AC/online '1\n'
mk /sys/class/power_supply/BAT0/type 'Battery\n'
mk /proc/sys/kernel/randomize_va_space '0\n'
mk /proc/sys/kernel/perf_event_max_sample_rate '100000\n'
mk /proc/sys/kernel/nmi_watchdog '1\n'
mk /proc/sys/vm/swappiness '60\n'
mk /proc/swaps 'Filename\tType\tSize\tUsed\tPriority\n/swapfile file 1048572 0 -2\n'
mk /proc/cmdline 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet\n'
mk /proc/irq/default_smp_affinity 'f\n'
mk /proc/irq/0/smp_affinity '1\n'
mk /proc/irq/24/smp_affinity '00000000,0000000f\n'
mk /proc/4242/comm 'irqbalance\n'

snapshot() { (cd "$R" && find sys proc -type f | sort | xargs md5sum); }
snapshot > "$HP_TMP/before"

# show: every tunable knob is "not tuned", exit 2
"$HPBENCH" system --sysroot "$R" show > "$HP_TMP/show1"; rc=$?
cat "$HP_TMP/show1"
[ $rc -eq 2 ] || hp_fail "show on an untuned tree exited $rc, want 2"
for k in governor intel-turbo cpufreq-boost min-freq smt irq-affinity irqbalance aslr \
         perf-rate nmi-watchdog thp swap; do
  grep -q "^  $k *not tuned" "$HP_TMP/show1" || hp_fail "show does not mark $k as not tuned"
done
grep -q "benchmarks on 2-3" "$HP_TMP/show1" || hp_fail "isolated CPUs 2-3 not chosen"
grep -q "^  isolation *advice" "$HP_TMP/show1" || hp_fail "no isolation advice"

# tune (the env variable names the tree this time)
HPBENCH_SYSROOT="$R" "$HPBENCH" system tune > "$HP_TMP/tune" || hp_fail "tune failed"
cat "$HP_TMP/tune"
v() { cat "$R$1"; }
[ "$(v $C/cpu2/cpufreq/scaling_governor)" = performance ] || hp_fail "cpu2 governor not set"
[ "$(v $C/cpu0/cpufreq/scaling_governor)" = powersave ] || hp_fail "cpu0 is not a benchmark CPU but was changed"
[ "$(v $C/cpu3/cpufreq/scaling_min_freq)" = 3600000 ] || hp_fail "min freq not raised"
[ "$(v $C/intel_pstate/no_turbo)" = 1 ] || hp_fail "no_turbo not set"
[ "$(v $C/cpufreq/boost)" = 0 ] || hp_fail "boost not off"
[ "$(v $C/smt/control)" = off ] || hp_fail "smt not off"
[ "$(v /proc/sys/kernel/randomize_va_space)" = 2 ] || hp_fail "aslr not 2"
[ "$(v /proc/sys/kernel/perf_event_max_sample_rate)" = 1 ] || hp_fail "perf rate not 1"
[ "$(v /proc/sys/kernel/nmi_watchdog)" = 0 ] || hp_fail "nmi watchdog on"
[ "$(v /proc/sys/vm/swappiness)" = 1 ] || hp_fail "swappiness not 1"
[ "$(v /sys/kernel/mm/transparent_hugepage/enabled)" = "always [madvise] never" ] || hp_fail "thp: $(v /sys/kernel/mm/transparent_hugepage/enabled)"
[ "$(v /proc/irq/24/smp_affinity)" = 3 ] || hp_fail "irq 24 not moved to CPUs 0-1"
[ "$(v /proc/irq/0/smp_affinity)" = 1 ] || hp_fail "irq 0 was already off CPUs 2-3 but changed"
grep -q "would stop irqbalance" "$HP_TMP/tune" || hp_fail "irqbalance not handled"
[ -s "$R/run/hpbench/tune-saved" ] || hp_fail "no saved values"

# the fake tree has no systemd: do what 'systemctl stop irqbalance' would
rm -r "$R/proc/4242"

# a second tune changes nothing and keeps the first saved values
"$HPBENCH" system --sysroot "$R" tune | grep -q "Nothing to change" || hp_fail "second tune changed something"
"$HPBENCH" system --sysroot "$R" show > "$HP_TMP/show2"; rc=$?
cat "$HP_TMP/show2"
grep "not tuned" "$HP_TMP/show2" | grep -v '^  power ' && hp_fail "knobs still not tuned after tune"
grep -q "^  power *ok" "$HP_TMP/show2" || hp_fail "AC online should be ok"
[ $rc -eq 0 ] || hp_fail "show after tune exited $rc, want 0"

# reset: the same bytes as before, journal gone
"$HPBENCH" system --sysroot "$R" reset > "$HP_TMP/reset" || hp_fail "reset failed"
cat "$HP_TMP/reset"
grep -q "would start irqbalance" "$HP_TMP/reset" || hp_fail "reset does not restart irqbalance"
mk /proc/4242/comm 'irqbalance\n'
snapshot > "$HP_TMP/after"
diff "$HP_TMP/before" "$HP_TMP/after" || hp_fail "reset did not restore the same bytes"
[ ! -e "$R/run/hpbench/tune-saved" ] || hp_fail "saved values left after reset"
"$HPBENCH" system --sysroot "$R" reset | grep -q "Nothing to reset" || hp_fail "second reset"

# on battery: not ready, and tune cannot fix it
printf '0\n' > "$R/sys/class/power_supply/AC/online"
"$HPBENCH" system --sysroot "$R" show | grep -q "^  power *not tuned *on battery" || hp_fail "battery not reported"

# a missing knob is "not applicable here", not a failure
rm -r "$R$C/intel_pstate"
"$HPBENCH" system --sysroot "$R" show | grep -q "^  intel-turbo *n/a *not applicable here" || hp_fail "missing knob"

# usage errors
"$HPBENCH" system --sysroot "$R" frobnicate 2>/dev/null; [ $? -eq 2 ] || hp_fail "bad action not a usage error"
"$HPBENCH" system --cpus 9-2 show 2>/dev/null; [ $? -eq 2 ] || hp_fail "bad --cpus not a usage error"

# without root: one line, exit 1, nothing changed
drop() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && drop "$HPBENCH" --version >/dev/null 2>&1; then
  drop "$HPBENCH" system tune > "$HP_TMP/out" 2> "$HP_TMP/err"; rc=$?
  [ $rc -eq 1 ] || hp_fail "non-root tune exited $rc, want 1"
  [ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && grep -q "needs root" "$HP_TMP/err" || hp_fail "non-root message: $(cat "$HP_TMP/err")"
  [ ! -s "$HP_TMP/out" ] || hp_fail "non-root tune printed changes"
  drop "$HPBENCH" system reset 2>/dev/null; [ $? -eq 1 ] || hp_fail "non-root reset"
else
  echo "note: cannot run hpbench as another user here (not root, no setpriv, or the build"
  echo "      directory is closed to others); non-root refusal not checked"
fi

# the real machine: show works and reports the real ASLR setting
"$HPBENCH" system show > "$HP_TMP/real"; rc=$?
cat "$HP_TMP/real"
[ $rc -eq 0 ] || [ $rc -eq 2 ] || hp_fail "real show exited $rc"
case $(cat /proc/sys/kernel/randomize_va_space) in
  2) want=ok ;; *) want="not tuned" ;;
esac
grep -q "^  aslr *$want" "$HP_TMP/real" || hp_fail "real ASLR state not reported as $want"
grep -q "^Verdict: " "$HP_TMP/real" || hp_fail "no verdict"
exit 0
