#!/usr/bin/env python3
"""Draws build/package/icon.png, the packages' 128x128 icon: a blue rounded square with a white pulse line.

Plain Python (zlib and struct), so anyone can redraw it; the PNG is committed and this is only run to change it.
"""
import math
import os
import struct
import zlib

SIZE = 128
BLUE = (31, 111, 235)
WHITE = (255, 255, 255)
# The pulse line of the Connect button's image, scaled to the icon.
PULSE = [(22, 64), (44, 64), (54, 38), (72, 92), (82, 64), (106, 64)]
STROKE = 9.0
RADIUS = 26.0


def coverage_rounded_square(x, y):
    # Distance outside the rounded square, with a one-pixel soft edge.
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    d = math.hypot(x - cx, y - cy) - RADIUS
    return min(max(0.5 - d, 0.0), 1.0)


def distance_to_segment(px, py, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def coverage_pulse(x, y):
    d = min(distance_to_segment(x, y, PULSE[i], PULSE[i + 1]) for i in range(len(PULSE) - 1))
    return min(max(STROKE / 2 + 0.5 - d, 0.0), 1.0)


def pixel(x, y):
    # Four samples per pixel for smooth edges.
    r = g = b = a = 0.0
    for sx, sy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        square = coverage_rounded_square(x + sx, y + sy)
        line = coverage_pulse(x + sx, y + sy) * square
        for i, channel in enumerate((BLUE[0] * (1 - line) + WHITE[0] * line,
                                     BLUE[1] * (1 - line) + WHITE[1] * line,
                                     BLUE[2] * (1 - line) + WHITE[2] * line)):
            if i == 0:
                r += channel * square
            elif i == 1:
                g += channel * square
            else:
                b += channel * square
        a += square
    if a == 0:
        return (0, 0, 0, 0)
    return (round(r / a), round(g / a), round(b / a), round(a / 4 * 255))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


rows = b"".join(b"\x00" + bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9))
       + chunk(b"IEND", b""))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png"), "wb") as out:
    out.write(png)
