"""Before the window opens on Linux: are the system libraries of Qt's X11 (xcb) plugin there?

A fresh desktop can lack a few small xcb libraries that Qt's ``libqxcb.so`` needs; Qt then
aborts with a message that names the wrong one (``xcb-cursor0``). ``make run`` calls
``python -m ann_studio.platform_check`` first: it lists what ``ldd`` cannot find (and
``libxcb-cursor.so.0``, which Qt loads at run time), installs the packages with apt when it runs as
root, and otherwise stops with one line naming the exact command. Exit status 0: the window can
open (or there is nothing to check); 1: something is missing.

No Qt is imported here (only PySide6's folder is looked up), so the check itself cannot abort.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: soname → (Debian/Ubuntu package, Fedora package, Arch package)
PACKAGES = {
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libSM.so.6": ("libsm6", "libSM", "libsm"),
    "libICE.so.6": ("libice6", "libICE", "libice"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
}
#: loaded by Qt at run time (dlopen), so ``ldd`` never reports it
RUNTIME_LIBRARIES = ("libxcb-cursor.so.0",)
MANAGERS = {"apt": ("sudo apt-get install -y", 0), "dnf": ("sudo dnf install -y", 1),
            "pacman": ("sudo pacman -S --needed", 2)}


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so``, or None (no PySide6, or a build without it)."""
    try:
        import PySide6  # the package only: no Qt library is loaded
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def missing_from_ldd(output: str) -> list[str]:
    """The sonames ``ldd`` printed as ``not found``, in order, once each."""
    names = []
    for line in output.splitlines():
        if "=> not found" in line:
            name = line.split("=>")[0].strip()
            if name not in names:
                names.append(name)
    return names


def loadable(soname: str) -> bool:
    """True when the dynamic linker knows ``soname`` (``ldconfig -p``)."""
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return True  # no ldconfig: do not guess
    return any(line.strip().startswith(soname + " ") for line in listing.splitlines())


def missing_libraries(plugin: Path) -> list[str]:
    """What the xcb plugin (and its Qt library) cannot load on this system."""
    targets = [plugin, *sorted((plugin.parents[2] / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    missing: list[str] = []
    for target in targets:
        run = subprocess.run(["ldd", str(target)], capture_output=True, text=True, check=False)
        missing += [name for name in missing_from_ldd(run.stdout) if name not in missing]
    missing += [name for name in RUNTIME_LIBRARIES if name not in missing and not loadable(name)]
    return missing


def package_manager() -> str | None:
    """``"apt"``, ``"dnf"`` or ``"pacman"``: the first one on PATH."""
    commands = {"apt": "apt-get", "dnf": "dnf", "pacman": "pacman"}
    return next((key for key, command in commands.items() if shutil.which(command)), None)


def packages_for(missing: list[str], manager: str) -> list[str]:
    """The packages that provide ``missing`` under ``manager`` (unknown sonames as they are)."""
    column = MANAGERS[manager][1]
    out = []
    for name in missing:
        package = PACKAGES[name][column] if name in PACKAGES else name
        if package not in out:
            out.append(package)
    return out


def install_command(missing: list[str], manager: str | None) -> str:
    """The one command that installs ``missing`` (Debian/Ubuntu's when the manager is unknown)."""
    manager = manager or "apt"
    return f"{MANAGERS[manager][0]} {' '.join(packages_for(missing, manager))}"


def needs_check(env=os.environ, platform: str = sys.platform) -> bool:
    """Only a Linux session that would use the xcb plugin: an X display and no other platform
    chosen (``QT_QPA_PLATFORM=offscreen``, ``wayland``… skip the check)."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    return platform.startswith("linux") and bool(env.get("DISPLAY")) and chosen.split(":")[0] in ("", "xcb")


def check(say=print, install=None, is_root=None) -> int:
    """Run the check; returns the exit status. ``install(packages)`` (default: apt-get as root)
    and ``is_root`` are for tests."""
    plugin = xcb_plugin()
    if not needs_check() or plugin is None:
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    manager = package_manager()
    root = (os.geteuid() == 0) if is_root is None else is_root
    if root and manager == "apt":
        packages = packages_for(missing, "apt")
        say(f"ANN Studio: installing the libraries Qt's X11 plugin needs: {' '.join(packages)}")
        (install or _apt_install)(packages)
        missing = missing_libraries(plugin)
        if not missing:
            return 0
    say(f"ANN Studio needs {len(missing)} system "
        f"librar{'y' if len(missing) == 1 else 'ies'} for its window ({', '.join(missing)}): run  "
        f"{install_command(missing, manager)}")
    return 1


def _apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    done = subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, check=False)
    if done.returncode != 0:  # a fresh machine may have no package lists yet
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, check=False)


if __name__ == "__main__":
    sys.exit(check())
