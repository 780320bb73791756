#!/usr/bin/env python3
"""Writes float_repr.txt: one line per double, '<16 hex digits of its IEEE bits> <Python repr>'.

The runtime's Display.FormatFloat must reproduce Python's repr(float) exactly; this table is the
reference. Regenerate with `python3 make_float_repr_table.py` (deterministic: fixed random seed).
"""
import math
import random
import struct


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


def cases():
    rng = random.Random(20240611)
    special = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 1.7976931348623157e308,
               2.2250738585072014e-308, 2.225073858507201e-308, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3,
               math.pi, math.e, 1.0, -1.0, 3.0, 0.5, 1.5, 100.0, 1e22, 1e23, 9007199254740992.0,
               9007199254740993.0, 1234567890123456.0, 12345678901234567.0, 0.0001, 0.00001, 1.5e-05,
               9999999999999998.0, 1e16, 1e15, 123.456, -123.456, 4.35, 2.675, 1e-07, 5e-05]
    yield from special
    for e in range(-325, 310):
        for m in (1.0, 1.5, 9.999, 2.5, 7.0):
            yield float(f'{m}e{e}')
    for k in range(-1074, 1024):
        yield math.ldexp(1.0, k)
    # The switch points between positional and scientific notation, and their neighbours.
    for threshold in (1e16, 1e-4, 1e-5, 1e15, 1e17):
        x = threshold
        for _ in range(5):
            yield x
            yield -x
            x = math.nextafter(x, math.inf)
        x = threshold
        for _ in range(5):
            x = math.nextafter(x, 0.0)
            yield x
    for _ in range(3000):
        yield from_bits(rng.getrandbits(64))
    for _ in range(1000):
        yield rng.randint(-10**9, 10**9) / 10 ** rng.randint(0, 12)
    for _ in range(500):
        yield float(rng.randint(-2**62, 2**62))
    for _ in range(500):
        yield rng.uniform(-1e6, 1e6)


def main():
    seen = set()
    with open('float_repr.txt', 'w', encoding='ascii', newline='\n') as out:
        for x in cases():
            b = bits(x)
            if b in seen:
                continue
            seen.add(b)
            out.write(f'{b:016x} {x!r}\n')


if __name__ == '__main__':
    main()
