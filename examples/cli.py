"""Command-line helpers shared by the Python examples (not a workload)."""
import argparse
import sys


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message):
        sys.stderr.write("%s: %s; see %s --help\n" % (self.prog, message, self.prog))
        sys.exit(2)


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1, not %s" % text)
    return value


def positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0, not %s" % text)
    return value
