"""A minimal protobuf wire-format reader for the few small messages in Anki packages (no protobuf dependency)."""

from __future__ import annotations

VARINT, I64, LEN, I32 = 0, 1, 2, 5


class WireError(ValueError):
    """The bytes are not a well-formed protobuf message."""


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(buf):
            raise WireError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise WireError("varint too long")


def decode(buf: bytes) -> dict[int, list[int | bytes]]:
    """Field number -> values in order: ints for varint/fixed fields, bytes for length-delimited ones."""
    out: dict[int, list[int | bytes]] = {}
    pos = 0
    n = len(buf)
    while pos < n:
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        if field == 0:
            raise WireError("field number 0")
        if wire == VARINT:
            val, pos = _varint(buf, pos)
        elif wire == LEN:
            size, pos = _varint(buf, pos)
            if pos + size > n:
                raise WireError("truncated field")
            val = buf[pos : pos + size]
            pos += size
        elif wire == I64:
            if pos + 8 > n:
                raise WireError("truncated field")
            val = int.from_bytes(buf[pos : pos + 8], "little")
            pos += 8
        elif wire == I32:
            if pos + 4 > n:
                raise WireError("truncated field")
            val = int.from_bytes(buf[pos : pos + 4], "little")
            pos += 4
        else:
            raise WireError(f"unsupported wire type {wire}")
        out.setdefault(field, []).append(val)
    return out


def first_int(msg: dict[int, list[int | bytes]], field: int, default: int = 0) -> int:
    vals = msg.get(field)
    return int(vals[-1]) if vals and isinstance(vals[-1], int) else default


def first_str(msg: dict[int, list[int | bytes]], field: int, default: str = "") -> str:
    vals = msg.get(field)
    if not vals or not isinstance(vals[-1], bytes):
        return default
    try:
        return vals[-1].decode("utf-8")
    except UnicodeDecodeError as e:
        raise WireError("string field is not UTF-8") from e


def media_entries(buf: bytes) -> list[tuple[str, int, int | None]]:
    """Anki's MediaEntries message: [(name, size, legacy_zip_filename or None)] in zip order."""
    out = []
    for raw in decode(buf).get(1, []):
        if not isinstance(raw, bytes):
            raise WireError("media entry is not a message")
        e = decode(raw)
        legacy = e.get(255)
        out.append((first_str(e, 1), first_int(e, 2), int(legacy[-1]) if legacy else None))
    return out
