"""Shared fixtures: the real graph built from data/sources, and real servers on free loopback ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rikg import paths

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = log.read_text(errors="replace") if log else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up in {seconds} s")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store built by the real pipeline from the project's source texts."""
    from rikg.build import build_store

    store = tmp_path_factory.mktemp("built") / "store"
    build_store(paths.SOURCES_DIR, store)
    return store


def launch(store: Path, *extra: str, log: Path | None = None) -> tuple[str, subprocess.Popen]:
    """Start `rikg serve` on a free loopback port and wait until it answers; returns (base URL, process)."""
    port = free_port()
    with open(log, "w") if log else open(os.devnull, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "rikg.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
             "--port", str(port), *extra],
            stdout=out, stderr=subprocess.STDOUT, text=True,
        )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/sparql?query=ASK%7B%7D", proc, log=log)
    return base, proc


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start `rikg serve` on a free loopback port; returns the base URL. Servers stop at session end.
    Each server's request log goes to a file (a pipe nobody reads would fill up)."""
    procs: list[subprocess.Popen] = []
    logs = tmp_path_factory.mktemp("server-logs")

    def start(store: Path, *extra: str) -> str:
        base, proc = launch(store, *extra, log=logs / f"serve-{len(procs)}.log")
        procs.append(proc)
        return base

    yield start
    stop(procs)


@pytest.fixture(scope="session")
def server(built_store: Path, start_server: Callable[..., str]) -> str:
    """A read-only server over the built graph."""
    return start_server(built_store)


@pytest.fixture()
def rw_server(tmp_path: Path, start_server: Callable[..., str]) -> str:
    """A server with updates enabled over a new, empty store (for update and Graph Store tests)."""
    from rikg.store import open_store

    store = tmp_path / "rw-store"
    open_store(store, create=True)
    return start_server(store, "--allow-updates")


def assert_one_line_error(r: subprocess.CompletedProcess, *words: str) -> str:
    """A CLI failure: exit 1 and one line on stderr starting "rikg: error:", naming each of `words`."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("rikg: error:"), lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]
