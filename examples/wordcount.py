#!/usr/bin/env python3
"""Word count, as in the performance lessons: the main workload to profile.

For every line, each delimiter is replaced by a space (one str.replace per
delimiter: the deliberate hot spot), the line is split on white space and
each word is lower-cased and counted in a dict.  Writes "word count" lines,
most frequent first (ties by word), the same bytes as examples/wordcount.c.

usage: python3 examples/wordcount.py INFILE OUTFILE [MIN_LENGTH]
"""
import sys

DELIMITERS = ". , ; : ? $ @ ^ < > # % ` ! * - = ( ) [ ] { } / \" '".split()

# Text is read as UTF-8; bytes that are not UTF-8 are carried through as they
# are, so any file can be counted and the C version gives the same answer.
ENCODING = "utf-8"
ERRORS = "surrogateescape"


def load_text(infile):
    with open(infile, encoding=ENCODING, errors=ERRORS) as f:
        return f.readlines()


def save_word_counts(outfile, counts):
    with open(outfile, "w", encoding=ENCODING, errors=ERRORS) as f:
        for word, count in counts:
            f.write("%s %d\n" % (word, count))


def update_word_counts(line, counts):
    for purge in DELIMITERS:
        line = line.replace(purge, " ")
    words = line.split()
    for word in words:
        word = word.lower().strip()
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1


def calculate_word_counts(lines):
    counts = {}
    for line in lines:
        update_word_counts(line, counts)
    return counts


def sort_word_counts(counts):
    """Most frequent first; words with the same count in str order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def filter_word_counts(counts, min_length):
    return [(word, count) for word, count in counts if len(word) >= min_length]


def word_count(infile, outfile, min_length=0):
    lines = load_text(infile)
    counts = calculate_word_counts(lines)
    sorted_counts = sort_word_counts(counts)
    sorted_counts = filter_word_counts(sorted_counts, min_length)
    save_word_counts(outfile, sorted_counts)


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print("usage: wordcount.py INFILE OUTFILE [MIN_LENGTH]\n"
              "Count the words of INFILE; write \"word count\" lines to OUTFILE,\n"
              "most frequent first, keeping words of at least MIN_LENGTH characters.")
        return 0
    if not 3 <= len(argv) <= 4:
        print("wordcount.py: expected INFILE OUTFILE [MIN_LENGTH]; "
              "see wordcount.py --help", file=sys.stderr)
        return 2
    min_length = 0
    if len(argv) == 4:
        if not argv[3].isdigit() or not argv[3].isascii():
            print("wordcount.py: MIN_LENGTH must be a whole number, not '%s'"
                  % argv[3], file=sys.stderr)
            return 2
        min_length = int(argv[3])
    try:
        word_count(argv[1], argv[2], min_length)
    except OSError as e:
        print("wordcount.py: %s: %s" % (e.filename, e.strerror), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
