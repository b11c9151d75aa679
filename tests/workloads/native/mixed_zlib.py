# mixed_zlib.py — Python calling into C libraries on large buffers.
#
# compress_step spends its time in zlib.compress (libz's deflate) and
# digest_step in hashlib.sha256 (OpenSSL or CPython's own sha256): a mixed
# profile must show those native functions under the Python lines marked
# ZLIB and HASH.  Usage: python3 mixed_zlib.py [ROUNDS]
import hashlib
import sys
import zlib


def compress_step(buf):
    return len(zlib.compress(buf, 9))  # ZLIB


def digest_step(buf):
    return hashlib.sha256(buf).hexdigest()  # HASH


def main(rounds):
    buf = " ".join(str(i * i % 9973) for i in range(200000)).encode()
    total = 0
    for _ in range(rounds):
        total += compress_step(buf)
        total += len(digest_step(buf * 8))
    print("mixed", rounds, total)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
