#!/usr/bin/env python3
"""Which system libraries does a PyInstaller bundle need, and does the .deb's Depends cover them?

    python packaging/linux/elfdeps.py dist/ann-studio                       # list needed system libraries
    python packaging/linux/elfdeps.py dist/ann-studio --depends "libgl1, libegl1 | libegl1-mesa, ..."
    python packaging/linux/elfdeps.py dist/ann-studio --glibc                # newest GLIBC_x.y needed

Reads DT_NEEDED from every ELF file in the bundle (no binutils needed), removes what the bundle provides
itself and what glibc provides, maps the rest to Debian packages (``dpkg -S`` when the library is installed
here, otherwise the Debian naming rule), and with ``--depends`` exits 1 if a package is not named there.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

# Provided by libc6 on every system.
GLIBC = {
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libutil.so.1",
    "libresolv.so.2",
    "libanl.so.1",
    "libmvec.so.1",
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
}
# Debian package names that do not follow the naming rule.
KNOWN_PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libcrypt.so.1": "libcrypt1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
}

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_STRTAB, DT_VERNEED, DT_VERNEEDNUM = 0, 1, 5, 0x6FFFFFFE, 0x6FFFFFFF


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED sonames of a 64-bit little-endian ELF file, or None if it is not one."""
    info = elf_dynamic_info(path)
    return None if info is None else info[0]


def elf_dynamic_info(path: Path) -> tuple[list[str], set[str]] | None:
    """(DT_NEEDED sonames, versions required from glibc such as 'GLIBC_2.34') of a 64-bit LE ELF file."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # ELFCLASS64, ELFDATA2LSB
        return None
    (e_phoff,) = struct.unpack_from("<Q", data, 0x20)
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 0x36)
    loads, dynamic = [], None
    for i in range(e_phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz, _memsz, _align = struct.unpack_from(
            "<IIQQQQQQ", data, e_phoff + i * e_phentsize
        )
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        return [], set()

    def file_offset(vaddr: int) -> int:
        for start, offset, size in loads:
            if start <= vaddr < start + size:
                return offset + vaddr - start
        raise ValueError(f"{path}: address {vaddr:#x} is in no loadable segment")

    needed_offsets, strtab, verneed, verneednum = [], None, None, 0
    offset, end = dynamic[0], dynamic[0] + dynamic[1]
    while offset + 16 <= end:
        tag, value = struct.unpack_from("<qQ", data, offset)
        offset += 16
        if tag == DT_NULL:
            break
        if tag == DT_NEEDED:
            needed_offsets.append(value)
        elif tag == DT_STRTAB:
            strtab = file_offset(value)
        elif tag == DT_VERNEED:
            verneed = file_offset(value)
        elif tag == DT_VERNEEDNUM:
            verneednum = value
    if strtab is None:
        return [], set()

    def string(value: int) -> str:
        start = strtab + value
        return data[start : data.index(b"\0", start)].decode()

    versions = set()
    entry = verneed
    for _ in range(verneednum if verneed is not None else 0):
        _vn_version, vn_cnt, _vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, entry)
        aux = entry + vn_aux
        for _ in range(vn_cnt):
            _hash, _flags, _other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
            name = string(vna_name)
            if name.startswith("GLIBC_2."):
                versions.add(name)
            aux += vna_next
        if not vn_next:
            break
        entry += vn_next
    return [string(value) for value in needed_offsets], versions


def bundle_needs(bundle: Path) -> tuple[dict[str, set[str]], str | None]:
    """(system sonames the bundle needs -> the bundle files that need them, newest glibc version needed)."""
    provided, needs, glibc = set(), {}, set()
    for root, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(root) / name
            provided.add(name)
            if path.is_symlink() or not path.is_file():
                continue
            info = elf_dynamic_info(path)
            if info is None:
                continue
            for soname in info[0]:
                needs.setdefault(soname, set()).add(str(path.relative_to(bundle)))
            glibc |= info[1]
    newest = max(glibc, key=lambda v: tuple(int(n) for n in v[len("GLIBC_") :].split(".")), default=None)
    system = {so: users for so, users in needs.items() if so not in provided and so not in GLIBC}
    return system, newest[len("GLIBC_") :] if newest else None


def _ldconfig_paths() -> dict[str, str]:
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        try:
            out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return {}
    paths = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) \((.*?)\) => (\S+)", line)
        if match and ("x86-64" in match.group(2) or "AArch64" in match.group(2) or "64bit" in match.group(2)):
            paths.setdefault(match.group(1), match.group(3))
    return paths


def debian_name(soname: str) -> str:
    """Debian's library package naming: libfoo.so.6 -> libfoo6, libfoo-1.so.3 -> libfoo-1-3 (lower case)."""
    if soname in KNOWN_PACKAGES:
        return KNOWN_PACKAGES[soname]
    match = re.match(r"(.+)\.so\.(\d+)", soname)
    if not match:
        return soname
    stem, version = match.groups()
    stem = stem.lower().replace("_", "-")
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def package_of(soname: str, ldpaths: dict[str, str]) -> tuple[str, str]:
    """(package, how it was found) for a soname."""
    path = ldpaths.get(soname)
    if path and shutil.which("dpkg"):
        for candidate in (path, os.path.realpath(path)):
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if result.returncode == 0 and result.stdout:
                package = result.stdout.split(":", 1)[0].split(",")[0].strip()
                return package, "dpkg -S"
    return debian_name(soname), "naming rule" + ("" if path else ", not installed here")


def normalise(package: str) -> str:
    """Compare names across Debian/Ubuntu (Ubuntu 24.04's 64-bit time_t renames: libglib2.0-0t64, ...)."""
    return re.sub(r"t64$", "", package.split(":")[0].strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--depends", help="the control file's Depends value to check against")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    parser.add_argument("--glibc", action="store_true", help="print only the newest glibc version needed")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"error: {args.bundle} is not a directory", file=sys.stderr)
        return 2

    needs, glibc = bundle_needs(args.bundle)
    if args.glibc:
        print(glibc or "")
        return 0
    ldpaths = _ldconfig_paths()
    declared = set()
    if args.depends:
        for clause in args.depends.split(","):
            for alternative in clause.split("|"):
                name = re.sub(r"\(.*?\)", "", alternative).strip()
                if name:
                    declared.add(normalise(name))

    missing = []
    for soname in sorted(needs):
        package, how = package_of(soname, ldpaths)
        ok = normalise(package) in declared
        if args.depends and not ok:
            missing.append((soname, package))
        if not args.quiet:
            users = sorted(needs[soname])
            shown = ", ".join(users[:2]) + (f" (+{len(users) - 2})" if len(users) > 2 else "")
            mark = "" if not args.depends else ("  ok  " if ok else "  MISSING  ")
            print(f"{mark}{soname:32} {package:24} [{how}]  needed by {shown}")
    if not args.quiet:
        print(f"newest glibc symbol version needed: {glibc}")
    if missing:
        print(
            "error: the bundle needs system libraries whose packages are not in Depends: "
            + ", ".join(f"{pkg} ({so})" for so, pkg in missing),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
