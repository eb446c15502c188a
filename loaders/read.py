"""Stage 1: read a source file, strictly, and say exactly why when it cannot be used."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rikg.loaders import rx


class SourceError(ValueError):
    """A source file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class SourceText:
    doc_id: str  # the file name, e.g. 000_49b288c613fb7b68.txt
    text: str  # exactly as stored, UTF-8 decoded, no newline translation
    sha256: str
    script: str  # "Cyrl", "Latn" or "mixed"
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return self.doc_id.rsplit(".", 1)[0]


def detect_script(text: str) -> str:
    cyr = len(rx.findall(r"\p{Cyrillic}", text))
    lat = len(rx.findall(r"\p{Latin}", text))
    if cyr + lat == 0:
        return "mixed"
    share = cyr / (cyr + lat)
    return "Cyrl" if share > 0.8 else "Latn" if share < 0.2 else "mixed"


def _line_col(data: bytes, pos: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, pos) + 1
    col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return line, col


def read_source(path: Path, metadata: dict[str, str] | None = None) -> SourceText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror})") from None
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        raise SourceError(f"{path}:{line}:{col}: binary file (NUL byte), not a UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col(data, e.start)
        raise SourceError(f"{path}:{line}:{col}: not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if text.startswith("\ufeff"):
        # A BOM would shift every offset by one; the contract counts code points of the text as stored,
        # so keep it in `text` and let the offsets include it.
        pass
    return SourceText(
        doc_id=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        script=detect_script(text),
        metadata=metadata or {},
    )


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """metadata.csv beside the texts: file, script, publisher, url, date (all optional but file)."""
    meta_file = Path(folder) / "metadata.csv"
    if not meta_file.is_file():
        return {}
    with open(meta_file, encoding="utf-8", newline="") as f:
        return {row["file"]: {k: v for k, v in row.items() if v} for row in csv.DictReader(f)}


def source_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder of source texts")
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
