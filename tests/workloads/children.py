"""Child processes that each spin in a function of their own.

usage: children.py fork|exec|pool [SECONDS]
       children.py leaf NAME SECONDS      (what exec mode starts)
fork: os.fork() twice; the children run child_alpha() and child_beta().
exec: two new interpreters (subprocess) run child_alpha() and child_beta().
pool: a multiprocessing pool of two workers runs pool_work() twice.
Each child prints "child PID FUNCTION" before it spins, so a profile can be
checked per process; the parent only waits.
"""
import os
import subprocess
import sys
import time


def spin_for(seconds):
    """Spin for SECONDS of this process's CPU time (not wall time, so a busy
    machine makes a child last longer, not sample less)."""
    end = time.process_time() + seconds
    x = 0
    while time.process_time() < end:
        x += 1
    return x


def child_alpha(seconds):
    return spin_for(seconds)


def child_beta(seconds):
    return spin_for(seconds)


def pool_work(seconds):
    announce("pool_work")
    return spin_for(seconds)


def announce(name):
    # One write(2), so lines of children writing at once do not interleave.
    sys.stdout.flush()
    os.write(1, ("child %d %s\n" % (os.getpid(), name)).encode())


def by_fork(seconds):
    pids = []
    for fn in (child_alpha, child_beta):
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            announce(fn.__name__)
            fn(seconds)
            os._exit(0)
        pids.append(pid)
    return all(os.waitpid(p, 0)[1] == 0 for p in pids)


def by_exec(seconds):
    procs = [subprocess.Popen([sys.executable, os.path.abspath(__file__), "leaf", name,
                               str(seconds)]) for name in ("child_alpha", "child_beta")]
    return all(p.wait() == 0 for p in procs)


def by_pool(seconds):
    import multiprocessing
    with multiprocessing.Pool(2) as pool:
        return all(r > 0 for r in pool.map(pool_work, [seconds, seconds], chunksize=1))


def main(argv):
    if argv[1] == "leaf":
        announce(argv[2])
        globals()[argv[2]](float(argv[3]))
        return 0
    seconds = float(argv[2]) if len(argv) > 2 else 1.0
    ok = {"fork": by_fork, "exec": by_exec, "pool": by_pool}[argv[1]](seconds)
    print("done" if ok else "a child failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
