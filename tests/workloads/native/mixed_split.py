# mixed_split.py — one line in the kernel, one in C, one in Python.
#
# A mixed profile with --kernel must give the READ line's time mostly to the
# system column (read(2) of /dev/zero copies 4 MiB in the kernel), the ZLIB
# line's mostly to native (libz), and the PYTHON line's mostly to Python.
# Usage: python3 mixed_split.py [ROUNDS]
import sys
import zlib


def main(rounds):
    total = 0
    with open("/dev/zero", "rb") as f:
        for _ in range(rounds):
            buf = f.read(1 << 22)  # READ
            total += len(zlib.compress(buf[: 1 << 20]))  # ZLIB
            total += sum(i * i for i in range(20000))  # PYTHON
    print("mixed_split", rounds, total)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
