"""Read zip archives defensively: size and ratio limits against zip bombs, and no path tricks in names."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from quizapp.errors import UserError

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What a package may expand to; past these it is refused as a zip bomb."""

    max_total: int = 2048 * MiB  # all members (and zstd layers) together, uncompressed
    max_member: int = 1024 * MiB  # one member, uncompressed
    max_ratio: float = 200.0  # uncompressed / compressed, for members bigger than ratio_floor
    ratio_floor: int = 1 * MiB
    max_members: int = 200_000


def unsafe_name(name: str) -> str | None:
    """Why ``name`` is not a safe plain file name (absolute, ``..``, a folder part, a drive), or None."""
    if not name or name in (".", ".."):
        return "empty name"
    if "\x00" in name:
        return "NUL in name"
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive or PurePosixPath(name).is_absolute():
        return "absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "'..' in path"
    if len(parts) > 1:
        return "folder in name"
    return None


class SafeZip:
    """A zip archive read under ``Limits``; every failure is a one-line ``UserError`` naming the file."""

    def __init__(self, path: str | Path, limits: Limits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or Limits()
        self._used = 0
        try:
            self.zf = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise UserError(f"{self.path}: no such file") from None
        except IsADirectoryError:
            raise UserError(f"{self.path}: is a folder, not a file") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise UserError(f"{self.path}: not a zip file (an Anki package is a zip archive)") from None
        self._check_members()

    def _fail(self, msg: str) -> UserError:
        return UserError(f"{self.path}: {msg}")

    def _check_members(self) -> None:
        infos = self.zf.infolist()
        lim = self.limits
        if len(infos) > lim.max_members:
            raise self._fail(f"refusing a zip with {len(infos)} members (limit {lim.max_members})")
        total = 0
        for info in infos:
            why = unsafe_name(info.filename)
            if why:
                raise self._fail(f"unsafe member name {info.filename!r} ({why})")
            total += info.file_size
            if info.file_size > lim.max_member:
                raise self._fail(f"refusing member {info.filename!r}: {info.file_size // MiB} MiB uncompressed")
            if info.file_size > lim.ratio_floor and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                ratio = info.file_size / max(info.compress_size, 1)
                raise self._fail(f"refusing a zip bomb: member {info.filename!r} expands {ratio:.0f}x")
        if total > lim.max_total:
            raise self._fail(f"refusing a zip bomb: {total // MiB} MiB uncompressed (limit {lim.max_total // MiB} MiB)")

    def names(self) -> list[str]:
        return self.zf.namelist()

    def __contains__(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
        except KeyError:
            return False
        return True

    def _charge(self, n: int, what: str) -> None:
        self._used += n
        if self._used > self.limits.max_total:
            raise self._fail(f"refusing a zip bomb: {what} expands past {self.limits.max_total // MiB} MiB")

    def read(self, name: str) -> bytes:
        """A member's bytes, counted against the limits while reading (declared sizes may lie)."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise self._fail(f"missing {name!r} in the archive") from None
        cap = min(self.limits.max_member, info.file_size)
        out = io.BytesIO()
        try:
            with self.zf.open(info) as f:
                while True:
                    chunk = f.read(1 * MiB)
                    if not chunk:
                        break
                    out.write(chunk)
                    self._charge(len(chunk), repr(name))
                    if out.tell() > cap:
                        raise self._fail(f"member {name!r} is larger than its header says")
        except UserError:
            raise
        except Exception as e:  # BadZipFile (bad CRC), zlib.error, EOFError, ...
            raise self._fail(f"damaged member {name!r}: {e}") from None
        return out.getvalue()

    def read_zstd(self, name: str) -> bytes:
        """A member compressed with zstd (current Anki packages), decompressed under the same limits."""
        return self.unzstd(self.read(name), repr(name))

    def unzstd(self, data: bytes, what: str) -> bytes:
        import zstandard

        cap = self.limits.max_member
        out = io.BytesIO()
        try:
            with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as r:
                while True:
                    chunk = r.read(1 * MiB)
                    if not chunk:
                        break
                    out.write(chunk)
                    self._charge(len(chunk), what)
                    if out.tell() > cap:
                        raise self._fail(f"refusing a zip bomb: {what} expands past {cap // MiB} MiB")
        except zstandard.ZstdError as e:
            raise self._fail(f"{what} is not valid zstd data: {e}") from None
        return out.getvalue()

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
