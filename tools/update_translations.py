#!/usr/bin/env python3
"""Re-extract the user-visible strings (pyside6-lupdate plus the ``_tr`` helpers) into
``resources/translations/*.ts``, keeping every existing translation; then compile the ``.qm`` files.

Usage: ``.venv/bin/python tools/update_translations.py`` — then translate the entries marked
``type="unfinished"`` (Qt Linguist: ``pyside6-linguist resources/translations/ann_studio_zh_CN.ts``)
and commit the ``.ts``. ``tests/test_i18n.py`` fails while any entry is unfinished.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ann_studio.i18n_build import compile_translations, ts_path, update_translations


def main() -> int:
    for language, (total, unfinished, dropped) in update_translations().items():
        print(f"{ts_path(language).name}: {total} strings, {unfinished} unfinished, {dropped} no longer used")
    for qm in compile_translations(force=True):
        print(f"compiled {qm.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
