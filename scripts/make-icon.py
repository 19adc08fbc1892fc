"""Draws assets/icon.png: a white lowercase "b" (Bynder's initial) on a blue rounded square.
Pure Python (zlib + struct) so it runs anywhere; anti-aliased by 4x4 supersampling."""
import struct, zlib, math, sys

SIZE, SS = 512, 4
BLUE, WHITE = (12, 96, 220), (255, 255, 255)

def inside_rounded_square(x, y, r=96, m=16):
    lo, hi = m + r, SIZE - m - r
    cx, cy = min(max(x, lo), hi), min(max(y, lo), hi)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and m <= x <= SIZE - m and m <= y <= SIZE - m

def inside_b(x, y):
    # stem
    if 150 <= x <= 212 and 96 <= y <= 416:
        return True
    # bowl: a ring centred on the lower half
    d = math.hypot(x - 282, y - 310)
    return 44 <= d <= 106 and x >= 181

def pixel(px, py):
    acc = [0, 0, 0, 0]
    for sx in range(SS):
        for sy in range(SS):
            x, y = px + (sx + 0.5) / SS, py + (sy + 0.5) / SS
            if inside_rounded_square(x, y):
                c = WHITE if inside_b(x, y) else BLUE
                acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
    n = SS * SS
    return bytes(round(v / n) for v in acc)

rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "assets/icon.png", "wb").write(png)
