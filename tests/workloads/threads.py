"""A thread that spins on the CPU and one that sleeps, for SECONDS.

In cpu mode a profile sees spin() and (almost) never snooze(); in wall mode
it sees both, about equally.  The spinner runs for SECONDS of its own CPU
time (a busy machine makes it last longer, not sample less); the sleeper
wakes ten times a second until the spinner is done, so even on a loaded
machine it is rarely runnable.
usage: threads.py [SECONDS]
"""
import sys
import threading
import time


def spin(seconds, done):
    end = time.thread_time() + seconds
    x = 0
    while time.thread_time() < end:
        x += 1
    done.set()
    return x


def snooze(done):
    while not done.wait(0.1):  # wakes ten times a second, ends with spin()
        pass


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.5
    done = threading.Event()
    threads = [threading.Thread(target=spin, args=(seconds, done), name="spinner"),
               threading.Thread(target=snooze, args=(done,), name="sleeper")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("done")


if __name__ == "__main__":
    main()
