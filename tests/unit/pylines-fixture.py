# pylines-fixture.py — print real line tables and CPython's own answer for
# every instruction offset, for tests/unit/test-pylines.c.
#
# Output, one record per code object:
#   code FIRSTLINENO HEXTABLE NBYTES
#   then one line "OFFSET LINE" per 2-byte offset (LINE 0 = no line)
# Sources: this file's own code and a few stdlib modules (long functions,
# loops, comprehensions, big line jumps).
import dis
import sys


def walk(co):
    yield co
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            yield from walk(c)


def table(co):
    if sys.version_info >= (3, 10):
        return co.co_linetable
    return co.co_lnotab


def truth(co):
    n = len(co.co_code)
    line_at = [0] * (n // 2)
    if sys.version_info >= (3, 10):
        for start, end, line in co.co_lines():
            for off in range(start, min(end, n), 2):
                line_at[off // 2] = line or 0
    else:
        starts = dict(dis.findlinestarts(co))
        cur = co.co_firstlineno
        for off in range(0, n, 2):
            cur = starts.get(off, cur)
            line_at[off // 2] = cur
    return line_at


def far_jump():
    x = 1
    # A gap of more than 127 lines forces multi-entry line steps.
    y = (x +
         2)
    return [i * y for i in range(3) if i]


def main():
    import argparse, inspect, textwrap
    sources = [__file__, argparse.__file__, inspect.__file__, textwrap.__file__]
    src = "def gap():\n    a = 1\n" + "\n" * 300 + "    return a\n"
    mods = [compile(src, "<gap>", "exec")]
    for path in sources:
        with open(path) as f:
            mods.append(compile(f.read(), path, "exec"))
    out = sys.stdout
    for mod in mods:
        for co in walk(mod):
            if len(co.co_code) == 0:
                continue
            out.write("code %d %s %d\n" % (co.co_firstlineno, table(co).hex() or "-",
                                           len(co.co_code)))
            for i, line in enumerate(truth(co)):
                out.write("%d %d\n" % (2 * i, line))


main()
