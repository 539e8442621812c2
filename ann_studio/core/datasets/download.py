"""Download the MNIST files from a mirror, verifying each one's SHA-256 (standard library only).

Nothing is downloaded unless the user asks: the GUI calls :func:`download_mnist` from a worker
thread, passing a ``progress`` callback that can also cancel.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..errors import DataError

MNIST_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)
#: SHA-256 of the original MNIST files (as published by torchvision, TensorFlow and others).
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
#: Mirrors known to serve the files above (the original site no longer serves them reliably).
MNIST_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
#: No single file may be larger than this (MNIST's largest is 9.9 MB).
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024

#: ``progress(file_name, bytes_done, bytes_total_or_None)``; returning ``False`` cancels.
Progress = Callable[[str, int, "int | None"], "bool | None"]


class DownloadCancelled(DataError):
    """The progress callback asked to stop; the partial file was deleted."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(url: str, part: Path, name: str, progress: Progress | None, timeout: float, max_bytes: int) -> str:
    """Stream ``url`` into ``part``; return the SHA-256 of what was written."""
    import http.client  # here, not at the top: the command line and the window start without them
    import urllib.error
    import urllib.request

    digest, done = hashlib.sha256(), 0
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > max_bytes:
                raise DataError(name, f"the server offers {total:,} bytes (the limit is {max_bytes:,})")
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                if done > max_bytes:
                    raise DataError(name, f"more than {max_bytes:,} bytes: refused")
                digest.update(chunk)
                out.write(chunk)
                if progress is not None and progress(name, done, total) is False:
                    raise DownloadCancelled(name, "download cancelled")
    except urllib.error.HTTPError as exc:
        raise DataError(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise DataError(url, f"cannot download ({exc.reason})") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise DataError(url, f"cannot download ({exc})") from None
    return digest.hexdigest()


def _download_one(url: str, target: Path, expected: str, progress, timeout: float, max_bytes: int) -> None:
    part = target.with_name(target.name + ".part")
    try:
        got = _fetch(url, part, target.name, progress, timeout, max_bytes)
        if got != expected:
            raise DataError(target.name, f"SHA-256 mismatch: expected {expected}, got {got}; "
                            "the downloaded file was deleted")
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)


def download_mnist(dest_dir, mirror_url: str, *, files=MNIST_FILES, sha256: dict | None = None,
                   progress: Progress | None = None, timeout: float = 30.0,
                   max_bytes: int = MAX_DOWNLOAD_BYTES) -> dict[str, Path]:
    """Download IDX files from ``mirror_url`` into ``dest_dir``, verifying each one's SHA-256.

    A file already present with the right checksum is not downloaded again. A download whose
    checksum does not match is deleted and refused.

    Parameters
    ----------
    dest_dir : str or Path
        Created if missing.
    mirror_url : str
        An ``http://`` or ``https://`` folder URL; each file is fetched from ``mirror_url/name``.
        See :data:`MNIST_MIRRORS`.
    files : sequence of str
        File names to fetch; default the four MNIST files.
    sha256 : dict, optional
        File name → expected hex SHA-256; default :data:`MNIST_SHA256`. Every file needs one.
    progress : callable, optional
        ``progress(name, bytes_done, bytes_total_or_None)`` after each chunk; return ``False``
        to cancel (raises :class:`DownloadCancelled`).
    timeout : float
        Seconds to wait on the network before giving up.
    max_bytes : int
        Refuse any file larger than this.

    Returns
    -------
    dict
        File name → local path.

    Raises
    ------
    DataError
        Network failure, HTTP error, checksum mismatch, missing checksum, or a bad URL.
    """
    sha256 = MNIST_SHA256 if sha256 is None else sha256
    import urllib.parse

    scheme = urllib.parse.urlsplit(str(mirror_url)).scheme
    if scheme not in ("http", "https"):
        raise DataError("mirror_url", f"must start with http:// or https://, got {mirror_url!r}")
    dest = Path(dest_dir)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(str(dest), f"cannot create the folder ({exc.strerror or exc})") from None
    paths = {}
    for name in files:
        expected = str(sha256.get(name, "")).lower()
        if not expected:
            raise DataError(name, "no SHA-256 checksum given: refusing to download unverified data")
        target = dest / name
        if not (target.is_file() and _sha256(target) == expected):
            url = str(mirror_url).rstrip("/") + "/" + urllib.parse.quote(name)
            _download_one(url, target, expected, progress, timeout, max_bytes)
        paths[name] = target
    return paths
