#!/bin/sh
# Mixed mode on every interpreter present: Python calling zlib.compress and
# hashlib.sha256 on large buffers.  The native code (libz, libcrypto or the
# interpreter's own sha2) must appear below the exact Python line that calls
# it, the eval loop's native frames must be replaced by Python frames, and
# the two stacks must fit together (merge mismatches under 5%).
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
src="$NSRC/mixed_zlib.py"
lz=$(nl_line "$src" '  # ZLIB$')
lh=$(nl_line "$src" '  # HASH$')
pythons=$(hp_pythons)
[ -n "$pythons" ] || { echo "SKIP: no CPython interpreter installed"; exit 77; }
echo "$pythons" | while read -r v py; do
  out="$HP_TMP/$v.out"
  "$DRIVE" -b mixed -F 500 "$py" "$src" 6 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$v: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$v: workload failed: $(cat "$HP_TMP/err")"
  samples=$(awk '/^samples/ { print $2 }' "$HP_TMP/err")
  zall=$(nl_count "$out" "compress_step:mixed_zlib\\.py:$lz:;")
  zlib=$(nl_count "$out" "main:mixed_zlib\\.py:[0-9]+:;(.*;)?compress_step:mixed_zlib\\.py:$lz:;.*:libz\\.so[^;]*\$")
  [ "$zall" -ge 50 ] || hp_fail "$v: only $zall samples on compress_step line $lz"
  [ "$zlib" -ge $((zall * 8 / 10)) ] ||
    hp_fail "$v: only $zlib of $zall compress samples end in libz: $(sort -rn "$out" | head -2)"
  hall=$(nl_count "$out" "digest_step:mixed_zlib\\.py:$lh:;")
  hnat=$(nl_count "$out" "digest_step:mixed_zlib\\.py:$lh:;.*:(libcrypto[^;]*|_sha[^;]*|_hashlib[^;]*|libpython[^;]*|python3[^;]*)\$")
  [ "$hall" -ge 5 ] || hp_fail "$v: only $hall samples on digest_step line $lh"
  [ "$hnat" -ge $((hall * 8 / 10)) ] || hp_fail "$v: only $hnat of $hall digest samples end in sha256 code"
  eval_left=$(nl_count "$out" '_PyEval_EvalFrameDefault')
  [ "$eval_left" -eq 0 ] || hp_fail "$v: $eval_left samples still show _PyEval_EvalFrameDefault"
  mism=$(awk '$1 == "error" && $2 == "merge-mismatch" { print $3 }' "$HP_TMP/err")
  [ "${mism:-0}" -le $((samples / 20)) ] || hp_fail "$v: $mism merge mismatches in $samples samples"
  echo "ok $v: $zlib/$zall compress samples in libz, $hnat/$hall digest samples native, ${mism:-0} mismatches"
done || exit 1
