"""Packaging files: desktop entry, MIME type, icons, installer scripts. Fast: nothing here runs PyInstaller."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"
DESKTOP = REPO / "resources" / "linux" / "ann-studio.desktop"
MIME_XML = REPO / "resources" / "linux" / "ann-studio.xml"
MIME_TYPE = "application/x-ann-studio-project"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IN_CI = bool(os.environ.get("CI"))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _need_tool(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is missing in CI (apt-get install {package})")
        pytest.skip(f"{tool} not installed (apt-get install {package})")
    return path


# ----------------------------------------------------------------------------------------- desktop entry
def test_desktop_file_passes_desktop_file_validate():
    tool = _need_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_desktop_file_launches_the_app_and_opens_projects():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]
    assert group["Type"] == "Application"
    assert group["Exec"].split()[0] == "ann-studio"
    assert "%f" in group["Exec"] or "%F" in group["Exec"]
    assert group["Icon"] == "ann-studio"
    assert MIME_TYPE in group["MimeType"].split(";")
    assert "Education" in group["Categories"].split(";")
    assert group["Terminal"] == "false"
    assert "Comment[zh_CN]" in group


def test_mime_xml_is_well_formed_and_maps_annproj():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == "{http://www.freedesktop.org/standards/shared-mime-info}mime-info"
    types = root.findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == [MIME_TYPE]
    globs = [g.get("pattern") for g in types[0].findall("m:glob", ns)]
    assert "*.annproj" in globs
    assert types[0].find("m:comment", ns).text


# ------------------------------------------------------------------------------------------------ icons
def test_svg_icon_is_well_formed():
    root = ET.parse(ICONS / "ann-studio.svg").getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 512 512"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_has_its_size_and_is_not_blank(size):
    path = ICONS / f"ann-studio-{size}.png"
    assert _png_size(path.read_bytes()) == (size, size)

    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull() and image.width() == size and image.height() == size
    assert image.pixelColor(0, 0).alpha() == 0, "corners are transparent (rounded square)"
    assert image.pixelColor(size // 2, size // 2).alpha() == 255, "the middle is opaque"
    step = max(1, size // 16)
    colours = {image.pixel(x, y) for x in range(0, size, step) for y in range(0, size, step)}
    assert len(colours) >= 5, "an icon, not a flat square"


def test_ico_holds_png_entries_of_every_size():
    data = (ICONS / "ann-studio.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _colours, _res, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert planes == 1 and bits == 32
        assert offset + length <= len(data)
        blob = data[offset : offset + length]
        real = _png_size(blob)
        assert real == (width or 256, height or 256)
        sizes.add(real[0])
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_icns_holds_ic07_to_ic10_png_entries():
    data = (ICONS / "ann-studio.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    expected = {"ic07": 128, "ic08": 256, "ic09": 512, "ic10": 1024}
    found, offset = {}, 8
    while offset < len(data):
        kind = data[offset : offset + 4].decode("ascii")
        length = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        assert length > 8 and offset + length <= len(data)
        found[kind] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert found == expected


def test_icon_containers_are_built_as_documented():
    make_icons = _load("make_icons", PACKAGING / "make_icons.py")
    png = PNG_SIGNATURE + b"\0\0\0\rIHDR" + struct.pack(">II", 16, 16) + b"rest"
    ico = make_icons.build_ico({16: png, 256: png})
    assert struct.unpack_from("<HHH", ico, 0) == (0, 1, 2)
    assert ico[6] == 16 and ico[6 + 16] == 0  # 256 is written as 0
    icns = make_icons.build_icns([("ic07", png)])
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns) == 8 + 8 + len(png)


# ------------------------------------------------------------------------------------ PyInstaller spec
def test_spec_bundles_resources_and_is_valid_python():
    text = (PACKAGING / "ann-studio.spec").read_text(encoding="utf-8")
    compile(text, "ann-studio.spec", "exec")
    assert re.search(r'\(str\(REPO / "resources"\), "resources"\)', text), "resources/ bundled as resources"
    assert 'copy_metadata("ann-studio")' in text, "the version comes from the bundled metadata"
    assert "launcher.py" in text and (PACKAGING / "launcher.py").is_file()
    assert "strip=True" not in text and "upx=True" not in text
    for excluded in ("tkinter", "torch", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore"):
        assert f'"{excluded}"' in text
    for needed in ("PySide6.QtSvg", "PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtOpenGL"):
        assert f'"{needed}"' not in text, f"{needed} must not be excluded"
    for referenced in ("ann-studio.ico", "ann-studio.icns"):
        assert referenced in text and (ICONS / referenced).is_file()


def test_launcher_runs_main_and_gives_a_windowed_app_streams(tmp_path, monkeypatch):
    text = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from ann_studio.__main__ import main" in text
    launcher = _load("ann_studio_launcher", PACKAGING / "launcher.py")
    log = tmp_path / "run.log"
    monkeypatch.setenv("ANN_STUDIO_LOG", str(log))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher._give_windowed_app_streams()
    print("hello from a windowed app")
    sys.stderr.write("and its errors\n")
    stream = sys.stdout
    monkeypatch.undo()
    stream.close()
    assert log.read_text(encoding="utf-8") == "hello from a windowed app\nand its errors\n"


# ------------------------------------------------------------------------------------------------ Linux
def test_elfdeps_reads_needed_libraries_and_debian_names():
    elfdeps = _load("elfdeps", PACKAGING / "linux" / "elfdeps.py")
    if sys.platform.startswith("linux"):
        needed = elfdeps.elf_needed(Path(os.path.realpath("/bin/sh")))
        assert needed is not None and "libc.so.6" in needed
    assert elfdeps.elf_needed(DESKTOP) is None
    assert elfdeps.debian_name("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert elfdeps.debian_name("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert elfdeps.debian_name("libdbus-1.so.3") == "libdbus-1-3"
    assert elfdeps.debian_name("libX11.so.6") == "libx11-6"
    assert elfdeps.debian_name("libglib-2.0.so.0") == "libglib2.0-0"
    assert elfdeps.normalise("libglib2.0-0t64:amd64") == "libglib2.0-0"


def test_deb_script_declares_cjk_fonts_and_the_desktop_files():
    text = (PACKAGING / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert "fonts-noto-cjk | fonts-wqy-microhei" in text
    assert "--root-owner-group" in text
    for needed in ("libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libxcb-cursor0"):
        assert re.search(rf"\b{re.escape(needed)}\b", text)
    assert "usr/share/mime/packages" in text or "mime/packages/ann-studio.xml" in text
    sizes = re.search(r"ICON_SIZES=\(([\d ]+)\)", text).group(1).split()
    assert tuple(int(s) for s in sizes) == PNG_SIZES


def test_make_knows_the_packaging_targets():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make not installed")
    assert "include packaging/package.mk" in (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("package", "package-selftest", "nsis-stub"):
        result = subprocess.run([make, "-n", target], cwd=REPO, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------- Windows
def test_nsis_script_compiles_against_a_stand_in_payload(tmp_path):
    if shutil.which("makensis") is None:
        pytest.skip("makensis not installed (apt-get install nsis)")
    out = tmp_path / "ann-studio-1.2.3-windows-x64-setup.exe"
    env = dict(os.environ, VERSION="1.2.3", NSIS_WORK=str(tmp_path / "work"), NSIS_OUT=str(out))
    result = subprocess.run(
        ["bash", str(PACKAGING / "windows" / "build_stub.sh")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_script_is_translated_and_cleans_up():
    text = (PACKAGING / "windows" / "ann-studio.nsi").read_text(encoding="utf-8")
    assert '!insertmacro MUI_LANGUAGE "English"' in text and '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    english = set(re.findall(r"LangString (\w+) \$\{LANG_ENGLISH\}", text))
    chinese = set(re.findall(r"LangString (\w+) \$\{LANG_SIMPCHINESE\}", text))
    assert english and english == chinese, "every string in both languages"
    assert "Software\\Classes\\${FILE_EXT}" in text and '!define FILE_EXT ".annproj"' in text
    assert 'DeleteRegKey HKLM "${REG_UNINSTALL}"' in text
    assert 'RMDir /r "$INSTDIR"' not in text, "never delete the install folder recursively"


def test_release_workflow_builds_on_three_systems():
    text = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert 'tags: ["v*"]' in text
    for runner in ("ubuntu-", "windows-latest", "macos-latest"):
        assert f"runs-on: {runner}" in text
    assert text.count("--self-test") >= 3
    assert "\t" not in text
