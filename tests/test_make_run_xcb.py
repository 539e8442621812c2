"""``make run`` on a real X display: the platform check finds what Qt's xcb plugin lacks, installs
it as root with apt or names the one command, and the window then opens with the xcb platform
(under Xvfb; CI installs ``xvfb`` and the xcb libraries, see ``.ci/run``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ann_studio import platform_check as pc

ROOT = Path(__file__).resolve().parent.parent

LDD = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
\tlibxcb-icccm.so.4 => not found
"""


def test_ldd_output_names_each_missing_library_once():
    assert pc.missing_from_ldd(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


@pytest.mark.parametrize(("manager", "command"), [
    ("apt", "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0"),
    ("dnf", "sudo dnf install -y xcb-util-wm xcb-util-keysyms xcb-util-cursor"),
    ("pacman", "sudo pacman -S --needed xcb-util-wm xcb-util-keysyms xcb-util-cursor"),
])
def test_one_command_per_package_manager(manager, command):
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"]
    assert pc.install_command(missing, manager) == command


def test_only_an_x11_session_is_checked():
    assert pc.needs_check({"DISPLAY": ":0"}, "linux")
    assert pc.needs_check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not pc.needs_check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not pc.needs_check({}, "linux")
    assert not pc.needs_check({"DISPLAY": ":0"}, "win32")


@pytest.fixture
def missing(monkeypatch, tmp_path):
    """A session whose xcb plugin lacks two libraries until ``installed`` is set."""
    state = {"installed": False, "calls": []}
    monkeypatch.setattr(pc, "needs_check", lambda: True)
    monkeypatch.setattr(pc, "xcb_plugin", lambda: tmp_path / "libqxcb.so")
    monkeypatch.setattr(pc, "package_manager", lambda: "apt")
    monkeypatch.setattr(pc, "missing_libraries",
                        lambda _p: [] if state["installed"] else ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    return state


def test_without_root_one_line_names_the_exact_command(missing):
    lines = []
    assert pc.check(say=lines.append, is_root=False) == 1
    assert len(lines) == 1
    assert lines[0].endswith("run  sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")


def test_as_root_the_packages_are_installed_and_the_window_may_open(missing):
    def install(packages):
        missing["calls"].append(packages)
        missing["installed"] = True

    lines = []
    assert pc.check(say=lines.append, install=install, is_root=True) == 0
    assert missing["calls"] == [["libxcb-icccm4", "libxcb-keysyms1"]]


def _xvfb() -> str:
    """The Xvfb binary, installed with apt when missing and allowed (root); else skip."""
    found = shutil.which("Xvfb")
    if found is None and sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-q", "xvfb", "xauth"], env=env, capture_output=True, check=False)
        found = shutil.which("Xvfb")
    if found is None:
        pytest.skip("Xvfb is not installed and cannot be installed here (apt-get install xvfb)")
    return found


@pytest.fixture
def display():
    """A fresh Xvfb server; yields its DISPLAY."""
    xvfb = _xvfb()
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
        time.sleep(0.05)
    if not socket.exists():
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_make_run_opens_the_window_with_xcb(display, tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # as on a desktop: no pytest marker (the window would skip its "Unsaved changes" question)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTEST_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", ANN_STUDIO_NO_RECOVERY="1", XDG_RUNTIME_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run(["make", "--no-print-directory", "run", "ARGS=--self-test"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    if os.geteuid() != 0 and run.returncode != 0 and "sudo apt-get install" in output:
        # not root: the check stopped with the one line naming the command, as it must
        assert sum("sudo apt-get install" in line for line in output.splitlines()) == 1
        return
    assert run.returncode == 0, output
    assert "Could not load the Qt platform plugin" not in output
    assert not pc.missing_libraries(pc.xcb_plugin())
