#!/usr/bin/env python3
"""Render the application icon from its SVG source into every size and container the installers need.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py [--svg resources/icons/ann-studio.svg] [--out resources/icons]

Writes, next to the SVG:
  ann-studio-<N>.png  for N in 16 24 32 48 64 128 256 512   (Linux hicolor theme, window icon)
  ann-studio.ico      PNG-compressed entries 16..256           (Windows exe, installer, file type)
  ann-studio.icns     ic07/ic08/ic09/ic10 PNG entries 128..1024 (macOS .app and document type)

Rendering uses PySide6's QtSvg (QSvgRenderer into a QImage); the ICO and ICNS containers are written
with the standard library (struct), so no Pillow or iconutil is needed. The outputs are committed:
run this again only when the SVG changes.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and their pixel size.
ICNS_TYPES = (("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024))

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SVG = REPO / "resources" / "icons" / "ann-studio.svg"


def render_png(renderer, size: int) -> bytes:
    """The SVG rendered at ``size``×``size`` pixels, as PNG bytes (straight RGBA, transparent corners)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size}px icon as PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container whose entries are PNG images (valid on Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 stands for 256
        # width, height, palette colours, reserved, colour planes, bits per pixel, data size, data offset
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def build_icns(elements: list[tuple[str, bytes]]) -> bytes:
    """An ICNS container: 'icns' + total length, then (type, length incl. 8-byte header, data) elements."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data for kind, data in elements)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG, help="icon source (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: the SVG's folder)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - must outlive rendering
    renderer = QSvgRenderer(str(args.svg))
    if not renderer.isValid():
        print(f"error: {args.svg} is not a valid SVG for QtSvg", file=sys.stderr)
        return 1

    out = args.out or args.svg.parent
    out.mkdir(parents=True, exist_ok=True)
    stem = args.svg.stem

    needed = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in needed}

    for size in PNG_SIZES:
        path = out / f"{stem}-{size}.png"
        path.write_bytes(pngs[size])
        print(
            f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({len(pngs[size])} bytes)"
        )

    ico = out / f"{stem}.ico"
    ico.write_bytes(build_ico({size: pngs[size] for size in ICO_SIZES}))
    print(f"wrote {ico.name} ({ico.stat().st_size} bytes, sizes {', '.join(map(str, ICO_SIZES))})")

    icns = out / f"{stem}.icns"
    icns.write_bytes(build_icns([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    print(f"wrote {icns.name} ({icns.stat().st_size} bytes, {', '.join(k for k, _ in ICNS_TYPES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
