"""Progress on stderr for long loads: one rewritten line while a terminal watches, and a rate at the end."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO, TypeVar

T = TypeVar("T")
_EVERY = 0.25  # seconds between redraws: often enough to look alive, rare enough to cost nothing


def rate(count: int, seconds: float) -> str:
    """`1,002,803 quads in 20.1 s (49,890 quads/s)`."""
    per_second = count / seconds if seconds > 0 else 0.0
    return f"{count:,} quads in {seconds:.1f} s ({per_second:,.0f} quads/s)"


class Meter:
    """A progress line on `stream`, drawn only when `enabled` (the CLI passes `stderr.isatty()`), so logs and
    pipes get no carriage returns."""

    def __init__(self, label: str, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.label = label
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self._drawn = 0.0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def show(self, text: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if force or now - self._drawn >= _EVERY:
            self._drawn = now
            self.stream.write(f"\r{self.label}: {text} ({self.elapsed():.0f} s)\x1b[K")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()

    def counted(self, items: Iterable[T], what: str = "quads") -> Iterator[T]:
        """Pass `items` through, showing how many went by; `self.count` holds the total afterwards."""
        self.count = 0
        for self.count, item in enumerate(items, 1):  # noqa: B007 - the count is the point
            if self.enabled and not self.count % 10_000:
                self.show(f"{self.count:,} {what}")
            yield item


class ReadMeter(io.RawIOBase):
    """A file reader that reports the share of bytes read: the bulk loader pulls the file through it, so the
    progress follows the parser without a thread or a second pass."""

    def __init__(self, raw: BinaryIO, size: int, meter: Meter, name: str) -> None:
        super().__init__()
        self.raw = raw
        self.size = max(size, 1)
        self.meter = meter
        self.name = name
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self.raw.readinto(buffer) or 0
        self.read_bytes += n
        if self.meter.enabled:
            mb = self.read_bytes / 1e6
            self.meter.show(f"{self.name} {100 * self.read_bytes / self.size:.0f}% ({mb:,.0f} of "
                            f"{self.size / 1e6:,.0f} MB)")
        return n
