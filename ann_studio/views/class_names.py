"""The built-in data sets' class names in the user's language ("arm 1" → "第 1 臂").

The engine names classes in English (``Dataset.target_names``); names that come from a student's
own file are shown as they are, so only a built-in set's names are translated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: the fixed names of the built-in sets (marked for lupdate)
_NAMES = (
    QT_TRANSLATE_NOOP("ClassNames", "bad"), QT_TRANSLATE_NOOP("ClassNames", "good"),
    QT_TRANSLATE_NOOP("ClassNames", "outer"), QT_TRANSLATE_NOOP("ClassNames", "inner"),
    QT_TRANSLATE_NOOP("ClassNames", "upper"), QT_TRANSLATE_NOOP("ClassNames", "lower"),
    QT_TRANSLATE_NOOP("ClassNames", "below"), QT_TRANSLATE_NOOP("ClassNames", "above"),
)
#: numbered names: (pattern, template)
_NUMBERED = ((r"arm (\d+)", QT_TRANSLATE_NOOP("ClassNames", "arm %1")),
             (r"blob (\d+)", QT_TRANSLATE_NOOP("ClassNames", "blob %1")))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClassNames", text)


def class_name(name: str) -> str:
    """One built-in class name, translated (unknown names unchanged)."""
    if name in _NAMES:
        return _tr(name)
    for pattern, template in _NUMBERED:
        match = re.fullmatch(pattern, name)
        if match:
            return _tr(template).replace("%1", match.group(1))
    return name


def shown_class_names(document, dataset) -> list[str]:
    """``dataset``'s class names as a student reads them: translated for a built-in set of
    ``document``, as the file has them otherwise."""
    names = list(dataset.target_names) if dataset is not None else []
    data = document.project.data
    if isinstance(data, dict) and "builtin" in data:
        return [class_name(name) for name in names]
    return names
