"""Optional models fetched on demand: a pinned archive (URL and sha256) is downloaded once,
checked before anything reads it, and the model inside it is cached for every later run.

Nothing here runs unless a caller asks for an optional model: the bundled model needs no
network. A download streams to a temporary file beside the cache, is refused (and removed)
when its sha256 differs from the pinned one, and the model file appears in the cache in one
atomic rename, so an interrupted or refused fetch never leaves a file a later run would use.

>>> import tempfile
>>> archive = ModelArchive("http://127.0.0.1:9/none.onnx", "0" * 64, None, "none", "x.onnx")
>>> cached_path(archive, tempfile.gettempdir()).name
'0000000000000000-x.onnx'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .detections import ModelError

CHUNK_BYTES = 1 << 16


@dataclass(frozen=True)
class ModelArchive:
    """Where an optional model comes from.

    `url` is the archive (a `.whl`/`.zip`, a `.tgz`/`.tar.gz`, or the `.onnx` itself);
    `sha256` pins the bytes at that URL; `member` is the `.onnx` inside the archive (None: the
    URL is the model itself, or the archive holds exactly one `.onnx`); `licence` names the
    model's licence for the docs and the logs; `filename` is the cached file's name.
    """

    url: str
    sha256: str
    member: str | None
    licence: str
    filename: str


def default_cache_dir() -> Path:
    """The user's cache folder for seatsense models (`$XDG_CACHE_HOME/seatsense/models`,
    else `~/.cache/seatsense/models`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "seatsense" / "models"


def cached_path(archive: ModelArchive, cache_dir: str | Path | None = None) -> Path:
    """Where the archive's model lives once fetched (the sha256 prefix keeps archives apart)."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / f"{archive.sha256[:16]}-{archive.filename}"


def fetch_model(
    archive: ModelArchive, cache_dir: str | Path | None = None, timeout_s: float = 60.0
) -> Path:
    """The cached model of `archive`, downloaded and checked first when it is not cached yet.

    A cached file is used as it is, without network (so a file placed there by hand works
    offline). Raises `ModelError` with one line naming the URL when the download fails or
    its sha256 is not the pinned one.
    """
    target = cached_path(archive, cache_dir)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    download = _download(archive, target, timeout_s)
    try:
        _install(download, archive, target)
    finally:
        download.unlink(missing_ok=True)
    return target


def _download(archive: ModelArchive, target: Path, timeout_s: float) -> Path:
    """The archive in a temporary file beside `target`, its sha256 checked."""
    digest = hashlib.sha256()
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".download-", suffix=".part")
    part = Path(name)
    try:
        with os.fdopen(handle, "wb") as out, _open_url(archive, target, timeout_s) as response:
            while chunk := response.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
    except ModelError:
        part.unlink(missing_ok=True)
        raise
    except OSError as err:  # the connection broke off half way
        part.unlink(missing_ok=True)
        raise _offline(archive, target, err) from None
    actual = digest.hexdigest()
    if actual != archive.sha256.lower():
        part.unlink(missing_ok=True)
        raise ModelError(
            f"model archive {archive.url} refused: its sha256 is {actual}, expected "
            f"{archive.sha256.lower()}; nothing was kept"
        )
    return part


def _open_url(archive: ModelArchive, target: Path, timeout_s: float) -> IO[bytes]:
    try:
        response: IO[bytes] = urllib.request.urlopen(archive.url, timeout=timeout_s)
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise _offline(archive, target, err) from None
    return response


def _offline(archive: ModelArchive, target: Path, err: Exception) -> ModelError:
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if archive.member:
        inside = f"the file {archive.member} from it"
    elif archive.url.lower().endswith(".onnx"):
        inside = "it"
    else:
        inside = "the .onnx in it"
    return ModelError(
        f"cannot download the model archive {archive.url} ({reason}); without internet, "
        f"download it elsewhere and place {inside} at {target}"
    )


def _install(download: Path, archive: ModelArchive, target: Path) -> None:
    """Put the archive's model at `target` in one rename (a reader never sees half a file)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".extract-", suffix=".part")
    part = Path(name)
    try:
        with os.fdopen(handle, "wb") as out, _member(download, archive) as model:
            shutil.copyfileobj(model, out, CHUNK_BYTES)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


@contextlib.contextmanager
def _member(download: Path, archive: ModelArchive) -> Iterator[IO[bytes]]:
    """The model's bytes inside the downloaded archive (or the download itself)."""
    if zipfile.is_zipfile(download):
        with zipfile.ZipFile(download) as bundle:
            name = _pick(archive, bundle.namelist())
            with bundle.open(name) as model:
                yield model
    elif tarfile.is_tarfile(download):
        with tarfile.open(download) as bundle:
            name = _pick(archive, [m.name for m in bundle.getmembers() if m.isfile()])
            entry = bundle.extractfile(name)
            if entry is None:
                raise ModelError(f"model archive {archive.url}: {name} is not a file")
            with entry:
                yield entry
    elif archive.member is None:
        with download.open("rb") as model:
            yield model
    else:
        raise ModelError(f"model archive {archive.url} is neither a zip nor a tar archive")


def _pick(archive: ModelArchive, names: list[str]) -> str:
    if archive.member is not None:
        if archive.member not in names:
            raise ModelError(f"model archive {archive.url} has no {archive.member}")
        return archive.member
    models = [name for name in names if name.lower().endswith(".onnx")]
    if len(models) != 1:
        raise ModelError(
            f"model archive {archive.url} holds {len(models)} .onnx files; name the one to use"
        )
    return models[0]
