#!/usr/bin/env python3
"""Naive N-body in pure Python with classes, as in the performance lessons.

Velocity Verlet over an O(N^2) loop of pairs of Body objects holding Vec
objects: every operator call allocates, which is what the profile shows.
Units with G = 1; a small softening keeps close encounters finite.

usage: python3 examples/nbody.py --make-input FILE [--seed N] [--bodies 16]
       python3 examples/nbody.py FILE [--t-end 10] [--dt 0.001]
The input has one body per line: mass x y z vx vy vz.  The run prints the
total energy every 100 steps (and at the end); it should barely change.
"""
import math
import random
import sys

from cli import Parser, positive_float, positive_int

SOFTENING2 = 1e-4   # squared softening length
PRINT_EVERY = 100   # steps between energy lines


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x=0.0, y=0.0, z=0.0):
        self.x, self.y, self.z = x, y, z

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def norm2(self):
        return self.x * self.x + self.y * self.y + self.z * self.z


class Body:
    def __init__(self, mass, pos, vel):
        self.mass = mass
        self.pos = pos
        self.vel = vel
        self.acc = Vec()


class Cluster:
    def __init__(self, bodies):
        self.bodies = bodies
        self.compute_accelerations()

    def compute_accelerations(self):
        for b in self.bodies:
            b.acc = Vec()
        for i, a in enumerate(self.bodies):
            for b in self.bodies[i + 1:]:
                d = b.pos - a.pos
                r2 = d.norm2() + SOFTENING2
                f = d * (1.0 / (r2 * math.sqrt(r2)))
                a.acc = a.acc + f * b.mass
                b.acc = b.acc - f * a.mass

    def step(self, dt):
        """One velocity-Verlet step: half kick, drift, new forces, half kick."""
        for b in self.bodies:
            b.vel = b.vel + b.acc * (0.5 * dt)
            b.pos = b.pos + b.vel * dt
        self.compute_accelerations()
        for b in self.bodies:
            b.vel = b.vel + b.acc * (0.5 * dt)

    def energy(self):
        kinetic = sum(0.5 * b.mass * b.vel.norm2() for b in self.bodies)
        potential = 0.0
        for i, a in enumerate(self.bodies):
            for b in self.bodies[i + 1:]:
                r2 = (b.pos - a.pos).norm2() + SOFTENING2
                potential -= a.mass * b.mass / math.sqrt(r2)
        return kinetic + potential


def make_input(path, seed, count):
    """A bound cluster: random masses in a unit sphere, at rest on average."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        while True:
            p = [rng.uniform(-1.0, 1.0) for _ in range(3)]
            if sum(c * c for c in p) <= 1.0:
                break
        v = [rng.gauss(0.0, 0.3) for _ in range(3)]
        rows.append([rng.uniform(0.5, 1.5)] + p + v)
    total = sum(r[0] for r in rows)
    for k in range(1, 7):   # centre of mass at the origin, and at rest
        mean = sum(r[0] * r[k] for r in rows) / total
        for r in rows:
            r[k] -= mean
    with open(path, "w") as f:
        for r in rows:
            f.write(" ".join("%.17g" % (r[0] / total if k == 0 else r[k])
                             for k in range(7)) + "\n")


def read_input(path):
    bodies = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                m, x, y, z, vx, vy, vz = (float(v) for v in line.split())
            except ValueError:
                raise ValueError("%s:%d: expected 7 numbers (mass x y z vx vy vz)"
                                 % (path, lineno))
            bodies.append(Body(m, Vec(x, y, z), Vec(vx, vy, vz)))
    if len(bodies) < 2:
        raise ValueError("%s: needs at least 2 bodies, found %d" % (path, len(bodies)))
    return bodies


def run(path, t_end, dt):
    cluster = Cluster(read_input(path))
    steps = int(round(t_end / dt))
    e0 = cluster.energy()
    print("nbody: bodies=%d steps=%d dt=%g" % (len(cluster.bodies), steps, dt))
    print("t=%.4f energy=%.12f" % (0.0, e0))
    for n in range(1, steps + 1):
        cluster.step(dt)
        if n % PRINT_EVERY == 0 or n == steps:
            e = cluster.energy()
            print("t=%.4f energy=%.12f" % (n * dt, e))
    print("relative energy change: %.3e" % (abs((e - e0) / e0) if steps else 0.0))


def main(argv=None):
    parser = Parser(description="N-body with velocity Verlet (lesson workload)")
    parser.add_argument("input", nargs="?", help="bodies file to simulate")
    parser.add_argument("--make-input", metavar="FILE",
                        help="write a bodies file instead of simulating")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed for --make-input (default: 1)")
    parser.add_argument("--bodies", type=positive_int, default=16,
                        help="number of bodies for --make-input (default: 16)")
    parser.add_argument("--t-end", type=positive_float, default=10.0,
                        help="simulated time (default: 10)")
    parser.add_argument("--dt", type=positive_float, default=0.001,
                        help="time step (default: 0.001)")
    args = parser.parse_args(argv)
    if (args.make_input is None) == (args.input is None):
        parser.error("give either an input FILE to simulate or --make-input FILE")
    try:
        if args.make_input:
            make_input(args.make_input, args.seed, args.bodies)
        else:
            run(args.input, args.t_end, args.dt)
    except OSError as e:
        sys.stderr.write("nbody.py: %s: %s\n" % (e.filename, e.strerror))
        return 1
    except ValueError as e:
        sys.stderr.write("nbody.py: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
