"""A built-in data set's class names follow the language (the Draw class box, the legend, the
confusion matrix); names from a student's own data stay as the file has them."""

from __future__ import annotations

import pytest
import test_plots_helpers as helpers

from ann_studio import i18n
from ann_studio.views.class_names import class_name, shown_class_names

host = helpers.host  # the fixture
visible_refresh = helpers.visible_refresh


@pytest.fixture
def chinese(qapp):
    i18n.install_translators(language="zh_CN")
    yield
    i18n.install_translators(language="en")


def test_built_in_class_names_in_chinese(chinese, host):
    host.docks["data_panel"].raise_()
    data = host.panel("data_panel")
    data._on_document_data_changed()  # built before the language switched
    names = [data.draw_class.itemText(i) for i in range(data.draw_class.count())]
    assert names == ["第 1 臂", "第 2 臂", "第 3 臂"]
    assert [name for name, _colour in data.editor.class_legend] == names
    confusion = visible_refresh(host, "confusion_panel")
    confusion.rebuild(host.session.trainer)
    ticks = confusion.plot.getAxis("bottom")._tickLevels[0]
    assert [text for _pos, text in ticks] == names


def test_names_from_a_file_are_kept(chinese, host, tmp_path):
    from ann_studio.core.datasets.section import dataset_from_section
    from ann_studio.document import data_commands as cmd

    section = {"train": {"inputs": [[0, 0], [1, 1]], "targets": [[1, 0], [0, 1]]}}
    dataset = dataset_from_section(section, str(tmp_path))
    host.document.undo_stack.push(cmd.switch_dataset(host.document, section, dataset, "mine"))
    assert shown_class_names(host.document, dataset) == list(dataset.target_names)
    assert class_name("arm 2") == "第 2 臂" and class_name("my class") == "my class"
