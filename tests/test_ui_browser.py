"""The browser UI at `/`, driven by Debian's headless Chromium over the Chrome DevTools Protocol.

The page runs its queries against the real server over the built graph; screenshots go to
tests/artifacts/ (gitignored); docs/screenshot-ui.png in the README is a copy of ui-chart.png.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket  # websocket-client (a test extra) drives Chromium over the DevTools protocol

from rikg.endpoint.ui import load_examples, read_example

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
COUNT_DOCUMENTS = (
    "# How many source documents?\n"
    "SELECT (COUNT(DISTINCT ?doc) AS ?documents) WHERE { ?doc a rikg:SourceDocument }"
)
CLASS_COUNTS = (
    "SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {\n"
    "  VALUES ?class { rikg:SourceDocument rikg:Actor rikg:Place rikg:Program }\n"
    "  ?x a ?class .\n} GROUP BY ?class ORDER BY DESC(?n)"
)


class Browser:
    """One headless Chromium with one page, spoken to over the DevTools websocket."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM, "chromium is not installed (apt-get install -y chromium)"
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
             "--window-size=1360,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.ids = itertools.count(1)
        self.ws = websocket.create_connection(self._page_socket(), timeout=60, suppress_origin=True)
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _page_socket(self) -> str:
        # Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..." on stderr.
        deadline = time.monotonic() + 30
        port = None
        assert self.proc.stderr is not None
        while time.monotonic() < deadline and port is None:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}")
            m = re.search(r"DevTools listening on ws://[\d.]+:(\d+)/", line)
            if m:
                port = m.group(1)
        assert port, "chromium did not open a DevTools port"
        # Keep draining stderr so that a chatty Chromium never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.proc.stderr or []], daemon=True).start()
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.2)
        raise RuntimeError("no page target in chromium")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression: str) -> Any:
        res = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error in {expression!r}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 30) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}; page state: "
                             f"{self.js('document.body && document.body.dataset.state')}")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && !!document.body && "
                      "['ready','running','done','error'].includes(document.body.dataset.state)")

    def run_and_wait(self) -> str:
        self.wait_for("['done','error'].includes(document.body.dataset.state)")
        return self.js("document.body.dataset.state")

    def key(self, key: str, code: int) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="module")
def base_url(server: str) -> str:
    return server


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def run_url(base: str, query: str) -> str:
    return f"{base}/?{urllib.parse.urlencode({'query': query, 'run': '1'})}"


def attrs(browser: Browser, selector: str, attr: str) -> list[str]:
    return browser.js(f"Array.from(document.querySelectorAll({selector!r}))"
                      f".map(e => e.getAttribute({attr!r}))")


def table_cells(browser: Browser) -> list[list[str]]:
    return browser.js(
        "Array.from(document.querySelectorAll('#results-table tbody tr'))"
        ".map(tr => Array.from(tr.cells).map(td => td.textContent.trim()))"
    )


def test_count_documents_in_the_table(browser: Browser, base_url: str) -> None:
    browser.open(run_url(base_url, COUNT_DOCUMENTS))
    assert browser.run_and_wait() == "done", browser.js("document.getElementById('error').textContent")
    assert table_cells(browser) == [["1", "5"]]
    # The editor shows the query as typed and highlights it.
    assert browser.js("document.getElementById('query').value") == COUNT_DOCUMENTS
    assert browser.js("document.querySelectorAll('#highlight .tok-kw').length") >= 3
    assert browser.js("document.querySelector('#highlight .tok-pn').textContent") == "rikg:SourceDocument"
    assert browser.js("document.querySelector('#highlight .tok-com').textContent").startswith("# How many")
    browser.screenshot(ARTIFACTS / "ui-results.png")


def test_bar_chart_and_linked_iris(browser: Browser, base_url: str) -> None:
    browser.open(run_url(base_url, CLASS_COUNTS))
    assert browser.run_and_wait() == "done"
    rows = table_cells(browser)
    assert ["rikg:SourceDocument", "5"] in [[r[1], r[2]] for r in rows]
    # IRIs in the table link to this server's pages: the ontology documentation for classes.
    assert "/ontology#SourceDocument" in attrs(browser, "#results-table a.iri", "href")
    browser.js("document.querySelector('#tabs [data-view=chart]').click()")
    bars = browser.wait_for("document.querySelectorAll('#chart-svg rect').length")
    assert bars == len(rows)
    assert not browser.js("document.getElementById('view-chart').hidden")
    browser.screenshot(ARTIFACTS / "ui-chart.png")


def test_table_links_to_linked_data_pages(browser: Browser, base_url: str) -> None:
    browser.open(run_url(base_url, "SELECT ?doc WHERE { ?doc a rikg:SourceDocument } ORDER BY ?doc LIMIT 1"))
    assert browser.run_and_wait() == "done"
    href = browser.js("document.querySelector('#results-table a.iri').getAttribute('href')")
    assert href.startswith("/id/doc/")
    with urllib.request.urlopen(base_url + href) as r:
        assert r.status == 200 and "text/html" in r.headers["Content-Type"]


def test_describe_draws_a_graph(browser: Browser, base_url: str) -> None:
    query = "DESCRIBE <https://w3id.org/rikg/id/doc/000_49b288c613fb7b68>"
    browser.open(run_url(base_url, query))
    assert browser.run_and_wait() == "done", browser.js("document.getElementById('error').textContent")
    assert browser.wait_for("document.querySelectorAll('#graph-svg circle').length") >= 2
    assert not browser.js("document.getElementById('view-graph').hidden")
    assert attrs(browser, "#downloads button", "data-format") == ["ttl", "nt", "jsonld"]
    browser.screenshot(ARTIFACTS / "ui-graph.png")


def test_syntax_error_is_shown(browser: Browser, base_url: str) -> None:
    browser.open(run_url(base_url, "SELECT ?x WHERE { ?x ?p }"))
    assert browser.run_and_wait() == "error"
    message = browser.js("document.getElementById('error').textContent")
    assert "400" in message and len(message) > 12
    # Positions refer to the user's lines, not to the prefix lines the UI added in front.
    if re.search(r"\d+:\d+", message):
        assert re.search(r"\b1:\d+", message), message
    assert browser.js("document.getElementById('tabs').hidden")


def test_share_link_reopens_the_query(browser: Browser, base_url: str) -> None:
    query = "SELECT ?s WHERE { ?s a rikg:Program } LIMIT 3"
    browser.open(f"{base_url}/#query={urllib.parse.quote(query)}")
    assert browser.js("document.getElementById('query').value") == query
    browser.js("document.getElementById('share').click()")
    link = browser.js("document.getElementById('share-link').value")
    assert urllib.parse.unquote(link.split("#query=", 1)[1]) == query


def test_prefix_completion_with_tab(browser: Browser, base_url: str) -> None:
    browser.open(base_url + "/")
    browser.js("(() => { const ta = document.getElementById('query'); ta.value = 'SELECT * WHERE { ?s a rik';"
               "ta.dispatchEvent(new Event('input')); ta.focus();"
               "ta.setSelectionRange(ta.value.length, ta.value.length); })()")
    browser.key("Tab", 9)
    value = browser.js("document.getElementById('query').value")
    assert value.startswith("PREFIX rikg: <https://w3id.org/rikg/ontology#>\n")
    assert value.endswith("?s a rikg:")


def test_examples_are_listed(browser: Browser, base_url: str) -> None:
    browser.open(base_url + "/")
    examples = load_examples(ROOT / "queries")
    shown = attrs(browser, "#examples button", "data-example")
    assert shown == [e.name for e in examples]
    if not examples:
        assert not browser.js("document.getElementById('no-examples').hidden")
        return
    browser.js("document.querySelector('#examples button').click()")
    assert browser.run_and_wait() == "done", browser.js("document.getElementById('error').textContent")
    assert browser.js("document.getElementById('query').value") == examples[0].query


def test_example_question_is_the_first_comment_block(tmp_path: Path) -> None:
    (tmp_path / "01-docs.rq").write_text(
        "# Question: How many source documents\n#   are there?\n\n"
        "SELECT (COUNT(*) AS ?n) { ?d a rikg:SourceDocument }\n# a later comment\n", encoding="utf-8")
    (tmp_path / "02-plain.rq").write_text("\n# Which programs\n# exist?\nSELECT ?p { ?p a rikg:Program }\n",
                                          encoding="utf-8")
    (tmp_path / "03-bare.rq").write_text("ASK {}\n", encoding="utf-8")
    examples = load_examples(tmp_path)
    assert [e.name for e in examples] == ["01-docs", "02-plain", "03-bare"]
    assert examples[0].question == "How many source documents are there?"
    assert examples[1].question == "Which programs exist?"
    assert examples[2].question == "03 bare"
    assert read_example(tmp_path / "01-docs.rq").query.startswith("# Question:")
