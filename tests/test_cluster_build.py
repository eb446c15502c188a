"""`rikg build` on Dask distributed (rikg/cluster.py): the graph equals the serial build's, on a local
cluster and through --cluster on a scheduler and workers started here on loopback; a worker killed
mid-build fails the build with the text it was on and leaves the previous store serving.

One serial build, one local-cluster build and one scheduler with two worker processes for the module.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, launch, stop
from pyoxigraph import RdfFormat, serialize

from rikg import paths
from rikg.build import BuildError, build_store
from rikg.cluster import TextFailed, _DeathWatch, _task_failed, batch_nquads, batches, extract_batch
from rikg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(Path(paths.SOURCES_DIR).glob("*.txt")) + sorted((ROOT / "tests" / "devset" / "texts").glob("*.txt"))


def sorted_nquads(store_path: Path) -> list[str]:
    store = open_store(store_path, read_only=True)
    data = serialize(store.quads_for_pattern(None, None, None, None), format=RdfFormat.N_QUADS)
    return sorted(data.decode("utf-8").splitlines())


def rikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/sources and the dev-set texts, their metadata, and one empty file (skipped, and named alike)."""
    folder = tmp_path_factory.mktemp("cluster") / "sources"
    folder.mkdir()
    for f in [*TEXTS, Path(paths.SOURCES_DIR) / "metadata.csv"]:
        shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def serial(sources: Path, tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("serial") / "store"
    return build_store(sources, store, workers=-1), store


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and `dask worker` (two processes of one thread) on loopback, as a cluster runs them."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask-logs")
    procs = []
    for name, argv in (("scheduler", ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                                      "--no-dashboard"]),
                       ("worker", ["distributed.cli.dask_worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--host", "127.0.0.1", "--no-dashboard"])):
        with open(logs / f"{name}.log", "w") as log:
            procs.append(subprocess.Popen([sys.executable, "-m", *argv], stdout=log, stderr=subprocess.STDOUT,
                                          cwd=tmp_path_factory.mktemp(name)))  # not the checkout: paths are absolute
    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        stop(procs[::-1])  # workers first: with the scheduler gone they would wait for it


def test_local_cluster_of_two_workers_gives_the_serial_graph(serial, sources: Path, tmp_path: Path) -> None:
    serial_report, serial_store = serial
    report = build_store(sources, tmp_path / "store", workers=2)
    assert report.documents == serial_report.documents == len(TEXTS)
    assert report.failed == serial_report.failed == [f"{sources / 'empty.txt'}: empty file"]
    assert report.warnings == serial_report.warnings
    assert report.per_class == serial_report.per_class
    assert report.triples == serial_report.triples
    assert sorted_nquads(tmp_path / "store") == sorted_nquads(serial_store)


def test_cli_build_on_a_scheduler_gives_the_serial_graph(serial, sources: Path, scheduler: str,
                                                         tmp_path: Path) -> None:
    _, serial_store = serial
    r = rikg("build", "--sources", str(sources), "--store", str(tmp_path / "store"), "--cluster", scheduler)
    assert r.returncode == 0, r.stderr
    assert f"{len(TEXTS)} documents" in r.stdout
    assert f"skipped: {sources / 'empty.txt'}: empty file" in r.stdout
    assert "Traceback" not in r.stderr
    assert sorted_nquads(tmp_path / "store") == sorted_nquads(serial_store)


def test_strict_on_a_cluster_stops_before_writing_with_the_serial_message(sources: Path, scheduler: str,
                                                                          tmp_path: Path) -> None:
    with pytest.raises(BuildError) as e:
        build_store(sources, tmp_path / "store", cluster=scheduler, strict=True)
    assert str(e.value) == f"1 source file(s) could not be read (--strict): {sources / 'empty.txt'}: empty file"
    assert list(tmp_path.iterdir()) == []  # no store, no staging store, no shards


def test_dasks_own_warnings_stay_off_the_builds_stderr(scheduler: str) -> None:
    # When a worker dies, Dask's client logs "Couldn't gather ... rescheduling" on a logger with its own
    # level; that line once came before the build's one-line reason (a CI failure of the kill test).
    import logging

    from rikg.cluster import connect

    with connect(scheduler, workers=1):
        loud = [n for n in ("distributed", "distributed.client", "distributed.gc", "distributed.scheduler")
                if logging.getLogger(n).isEnabledFor(logging.ERROR)]
    assert loud == []


def test_cli_refuses_a_scheduler_that_is_not_there(sources: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    r = rikg("build", "--sources", str(sources), "--store", str(tmp_path / "store"), "--cluster", address)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]  # one line, no traceback
    assert r.stderr.startswith(f"rikg: error: cannot reach the Dask scheduler at {address}")
    assert not (tmp_path / "store").exists()


def _count_documents(base: str) -> int:
    query = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a rikg:SourceDocument }"
    req = urllib.request.Request(f"{base}/sparql?query={urllib.parse.quote(query)}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return int(json.load(r)["results"]["bindings"][0]["n"]["value"])


def test_a_worker_killed_mid_build_fails_the_build_and_the_old_store_keeps_serving(
        serial, scheduler: str, tmp_path: Path) -> None:
    from distributed import Client

    _, serial_store = serial
    store = tmp_path / "store"
    shutil.copytree(serial_store, store)
    before = sorted_nquads(store)
    # Fifteen copies of each text under new names (~300 texts, several seconds of work): time to catch a worker in
    # the middle of a text, and to try again when the first freeze falls where its text is not yet known.
    big = tmp_path / "big"
    big.mkdir()
    for i in range(15):
        for f in TEXTS:
            shutil.copy(f, big / f"{i:02d}_{f.name}")
    base, server = launch(store)
    try:
        assert _count_documents(base) == len(TEXTS)
        with Client(scheduler, timeout=30) as client:
            pids = client.run(os.getpid)
            build = subprocess.Popen([sys.executable, "-m", "rikg.cli", "build", "--sources", str(big),
                                      "--store", str(store), "--cluster", scheduler],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            files = sorted(big.glob("*.txt"))
            victim, held = _freeze_a_busy_worker(client, pids, build, files)
            texts = [t for b in held for t in b]
            os.kill(pids[victim], signal.SIGKILL)
            out, err = build.communicate(timeout=120)
        assert build.returncode == 1, out + err
        line = err.strip()
        assert len(line.splitlines()) == 1, err  # one line, no traceback
        # A task holds a batch of texts: the build names the text the frozen worker said it was on, and any
        # other batch the scheduler had given it (not started yet) by its first and last text.
        head = f"rikg: error: Dask worker {victim} died while "
        tail = "; nothing was written, the previous store is unchanged"
        assert line.startswith(head) and line.endswith(tail), line
        said = line[len(head):-len(tail)].split(" and ")
        assert sum(s in [f"extracting {t}" for t in texts] for s in said) == 1, line
        waiting = [f"holding a batch of {len(b)} texts (extracting {b[0]} ... extracting {b[-1]})"
                   for b in ([str(files[i].absolute()) for i in r] for r in batches(len(files), 2))]
        assert all(s in waiting for s in said if not s.startswith("extracting ")), line
        assert _count_documents(base) == len(TEXTS)  # the server still answers from the old store
    finally:
        stop([server])
    assert sorted_nquads(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "store"]  # no staging store, no shards left


def _freeze_a_busy_worker(client, pids: dict[str, int], build: subprocess.Popen,
                          files: list[Path]) -> tuple[str, list[list[str]]]:
    """Stop (SIGSTOP) a worker while it holds texts of the build, so that what the scheduler says it holds
    cannot change before the kill; returns its address and the paths of the texts of each batch it holds."""
    parts = batches(len(files), len(pids))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert build.poll() is None, build.communicate()
        for address, keys in client.processing().items():
            if address in pids and any(str(k).startswith("rikg-extract-") for k in keys):
                time.sleep(0.3)  # long enough to be inside a text of its batch, and to have said which
                os.kill(pids[address], signal.SIGSTOP)
                held = [k for k in client.processing()[address] if str(k).startswith("rikg-extract-")]
                if held:
                    index = sorted(int(str(k).rsplit("-", 1)[1]) for k in held)
                    texts = [[str(files[i].absolute()) for i in parts[j]] for j in index]
                    # A worker that has just finished a batch and started the next may be stopped before its
                    # "extracting PATH" left it (a CI failure): then nobody can know its text, and the build
                    # rightly names batches only. Freeze again at a moment the scheduler has heard the text.
                    if _last_said(client, address) in [f"extracting {t}" for b in texts for t in b]:
                        return address, texts
                os.kill(pids[address], signal.SIGCONT)
        time.sleep(0.02)
    raise AssertionError("the build never ran a text on the cluster")


def _last_said(client, address: str) -> str | None:
    """What the worker at `address` last said it started, as the scheduler holds it (the build's topic). Read on
    the scheduler: some of its other topics hold objects a client cannot receive (a broadcast scatter logs
    WorkerState objects), and asking for all events then closes the connection."""

    def last(dask_scheduler, address: str = address) -> str | None:
        said = [msg for topic, events in dask_scheduler.get_events().items() if str(topic).startswith("rikg-text-")
                for _, msg in events if msg[0] == address]
        return str(said[-1][1]) if said else None

    return client.run_on_scheduler(last)


def test_batches_cover_every_text_once_in_order() -> None:
    for n, workers in ((1, 2), (7, 2), (100, 2), (10_000, 2), (10_000, 16), (65, 1)):
        parts = batches(n, workers)
        assert [i for b in parts for i in b] == list(range(n))
        assert max(len(b) for b in parts) <= 64
    assert [len(b) for b in batches(100, 2)] == [7] * 14 + [2]  # about eight tasks a worker
    assert len(batches(10_000, 2)) == 157  # 64 texts a task at most


def test_a_text_whose_quads_fail_is_named_not_its_batch(scheduler: str) -> None:
    from distributed import Client

    text = str(TEXTS[0])
    facts = extract_batch([text], [{}], "no-topic")  # outside a worker: runs in this process
    with pytest.raises(TextFailed) as e:
        batch_nquads([text], [{}], facts, {}, "no-topic")  # no IRIs: the text's entities have none
    assert e.value.args[0] == f"writing the quads of {text}"
    assert e.value.args[1].startswith("KeyError: ")
    # on the cluster, the build's one line names that text
    with Client(scheduler, timeout=30) as client:
        fut = client.submit(batch_nquads, [text], [{}], facts, {}, "no-topic", pure=False)
        while fut.status == "pending":
            time.sleep(0.05)
        with pytest.raises(BuildError) as b:
            _task_failed(fut, _DeathWatch({fut.key: [f"writing the quads of {text}"]}, "no-topic"))
    assert str(b.value) == f"failed while writing the quads of {text}: {e.value.args[1]}"
