"""Two functions doing the same loop work in the ratio 70:30.

hot_seventy() runs 7 iterations for every 3 of hot_thirty(), in interleaved
rounds, for SECONDS (default 1.5) of CPU time (a busy machine makes it last longer,
not sample less).  A profile must give them
70% and 30% of the samples taken in them.  A round lasts tens of
milliseconds, long against a sampling interval, so the samples spread
evenly over it (no aliasing with the sampler's period).  As the same bytecode is not
always exactly as fast in two functions, the script also times its calls
and prints the measured share of hot_seventy in CPU time ("truth 70.3").
usage: split.py [SECONDS]
"""
import sys
import time


def hot_seventy(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t


def hot_thirty(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.5
    end = time.process_time() + seconds
    total = 0
    seventy = thirty = 0.0
    clock = time.thread_time  # CPU time: being preempted costs no share
    while time.process_time() < end:
        t0 = clock()
        total += hot_seventy(700000)
        t1 = clock()
        total += hot_thirty(300000)
        t2 = clock()
        seventy += t1 - t0
        thirty += t2 - t1
    print("done", total > 0)
    print("truth %.1f" % (100 * seventy / (seventy + thirty)))


if __name__ == "__main__":
    main()
