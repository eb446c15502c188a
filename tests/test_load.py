"""Loading a local store: `rikg import` through the bulk loader, all or nothing, with progress on a terminal.
(Speed and memory on 1M and 10M quads: bench/bench_load.py; the figures: docs/performance.md.)"""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from rikg.progress import Meter, rate
from rikg.store import StoreError, bulk_write, import_files, import_into, open_store

EX = "https://example.org/"
NQ = (f"<{EX}a> <{EX}p> \"1\" <{EX}g1> .\n<{EX}a> <{EX}p> \"2\" <{EX}g1> .\n"
      f"<{EX}b> <{EX}p> _:x <{EX}g2> .\n<{EX}c> <{EX}p> <{EX}d> .\n")
TTL = f"@prefix ex: <{EX}> .\nex:t ex:p ex:u , ex:v .\n"
BROKEN = f"<{EX}a> <{EX}p> \"ok\" .\n<{EX}a> <{EX}p> \"unterminated .\n"


def graphs(store: Store) -> dict[str, int]:
    out = {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}
    out["default"] = sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))
    return out


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    made = {}
    for name, text in (("data.nq", NQ), ("more.ttl", TTL), ("broken.nt", BROKEN)):
        made[name] = tmp_path / name
        made[name].write_text(text, encoding="utf-8")
    return made


def test_import_into_keeps_named_graphs(tmp_path: Path, files: dict[str, Path]) -> None:
    store_path = tmp_path / "store"
    report = import_into(store_path, [files["data.nq"], files["more.ttl"]])
    assert (report.files, report.added) == (2, 6)
    assert report.summary().startswith("imported 2 file(s): 6 new quad(s); 6 quads in ")
    assert graphs(open_store(store_path, read_only=True)) == {EX + "g1": 2, EX + "g2": 1, "default": 3}
    # again: the quads are there already, but for the one with a blank node (blank nodes are local to a file)
    assert import_into(store_path, [files["data.nq"]]).added == 1
    # read back from disk: the copy that took the store's place holds both imports
    assert graphs(open_store(store_path, read_only=True)) == {EX + "g1": 2, EX + "g2": 2, "default": 3}
    assert sorted(p.name for p in tmp_path.iterdir() if "store" in p.name) == ["store"]


def test_import_into_a_graph_regraphs_quad_files(tmp_path: Path, files: dict[str, Path]) -> None:
    # --graph puts everything into that graph, the quads of an N-Quads file too (as before the bulk loader)
    store_path = tmp_path / "store"
    assert import_into(store_path, [files["data.nq"], files["more.ttl"]], EX + "all").added == 6
    assert graphs(open_store(store_path, read_only=True)) == {EX + "all": 6, "default": 0}


def test_failed_import_leaves_the_store_as_it_was(tmp_path: Path, files: dict[str, Path]) -> None:
    store_path = tmp_path / "store"
    import_into(store_path, [files["more.ttl"]])
    with pytest.raises(StoreError, match=r"broken\.nt: Parser error .*line 2"):
        # the first file is bulk-loaded before the second fails: it must not stay
        import_into(store_path, [files["data.nq"], files["broken.nt"]])
    assert graphs(open_store(store_path, read_only=True)) == {"default": 2}
    assert sorted(p.name for p in tmp_path.iterdir() if "store" in p.name) == ["store"]
    with pytest.raises(StoreError, match="--graph not an iri: not an absolute IRI"):
        import_into(store_path, [files["data.nq"]], "not an iri")
    with pytest.raises(StoreError, match="none.nt: no such file"):
        import_into(store_path, [files["data.nq"], tmp_path / "none.nt"])
    assert len(open_store(store_path, read_only=True)) == 2


def test_import_files_into_an_open_store_is_all_or_nothing(files: dict[str, Path]) -> None:
    store = Store()
    store.add(Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("before"), DefaultGraph()))
    with pytest.raises(StoreError, match="broken.nt"):
        import_files(store, [files["data.nq"], files["broken.nt"]])
    assert len(store) == 1
    assert import_files(store, [files["data.nq"], files["more.ttl"]]) == 6
    assert len(store) == 7


def test_interrupted_import_leaves_the_store_as_it_was(tmp_path: Path, files: dict[str, Path]) -> None:
    store_path = tmp_path / "store"
    import_into(store_path, [files["more.ttl"]])
    big = tmp_path / "big.nt"
    with open(big, "w", encoding="utf-8") as f:
        for i in range(0, 300_000, 1000):
            f.write("".join(f"<{EX}s{j}> <{EX}p> \"{j}\" .\n" for j in range(i, i + 1000)))
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "import", str(big), "--store", str(store_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith("store.import-") for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.3)  # well into the bulk load
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)  # as a shell reports Ctrl-C
    assert "Traceback" not in err
    assert graphs(open_store(store_path, read_only=True)) == {"default": 2}
    assert sorted(p.name for p in tmp_path.iterdir() if "store" in p.name) == ["store"]


def test_import_while_a_writer_serves_the_store_is_refused(tmp_path: Path, files: dict[str, Path],
                                                           start_server: Callable[..., str]) -> None:
    # The import works on a copy and swaps it in: a server writing to the store meanwhile would lose its
    # writes, so the store's lock refuses the import instead.
    store_path = tmp_path / "served"
    import_into(store_path, [files["more.ttl"]])
    start_server(store_path, "--allow-updates")
    r = subprocess.run([sys.executable, "-m", "rikg.cli", "import", str(files["data.nq"]), "--store",
                        str(store_path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith(f"rikg: error: cannot open the store at {store_path}: ")
    assert not any(".import-" in p.name for p in tmp_path.iterdir())


def test_progress_is_drawn_on_a_terminal_and_ends_with_the_rate(tmp_path: Path, files: dict[str, Path],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    import_into(tmp_path / "store", [files["data.nq"]], progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\rimporting: data.nq ") and "% (" in err and err.endswith("\n")
    store = Store()
    n = bulk_write(store, (Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i)) for i in range(25_000)),
                   progress=True, label="writing the store")
    assert n == 25_000 and len(store) == 25_000
    err = capsys.readouterr().err
    assert "\rwriting the store: 10,000 quads" in err
    assert err.splitlines()[-1].startswith("writing the store: 25,000 quads in ")
    assert err.rstrip().endswith("quads/s)")


def test_no_progress_when_not_a_terminal(tmp_path: Path, files: dict[str, Path]) -> None:
    r = subprocess.run([sys.executable, "-m", "rikg.cli", "import", str(files["data.nq"]), "--store",
                        str(tmp_path / "store")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("imported 1 file(s): 4 new quad(s); 4 quads in ") and "quads/s)" in r.stdout


def test_meter_and_rate() -> None:
    assert rate(1_002_803, 20.0) == "1,002,803 quads in 20.0 s (50,140 quads/s)"
    out = io.StringIO()
    meter = Meter("x", enabled=False, stream=out)
    assert list(meter.counted(range(3))) == [0, 1, 2] and meter.count == 3
    meter.show("nothing", force=True)
    assert out.getvalue() == ""
