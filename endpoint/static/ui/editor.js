/* rikg SPARQL editor: a textarea with a highlighted <pre> drawn underneath, and prefix completion.
 * Hand-written so the UI works offline and ships no third-party code. Exposes window.RikgEditor. */
(function () {
  "use strict";

  var KEYWORDS = ("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED GRAPH OPTIONAL UNION MINUS " +
    "FILTER BIND VALUES SERVICE SILENT GROUP BY HAVING ORDER ASC DESC LIMIT OFFSET DISTINCT REDUCED AS " +
    "NOT EXISTS IN UNDEF COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE " +
    "BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS " +
    "STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID " +
    "MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL " +
    "ISNUMERIC REGEX SUBSTR REPLACE A TRUE FALSE INSERT DELETE DATA LOAD CLEAR DROP CREATE WITH USING").split(" ");
  var KEYWORD_SET = {};
  KEYWORDS.forEach(function (k) { KEYWORD_SET[k] = true; });

  // Order matters: comments and strings first so that "#" or "<" inside them are not misread.
  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                                       // 1 comment
    "(\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$)|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                         // 3 IRI
    "([?$][A-Za-z0-9_\\u00B7-\\uFFFF]+)",                              // 4 variable
    "((?:[A-Za-z][\\w.-]*)?:(?:[\\w\\u00B7-\\uFFFF%-]|\\.(?=[\\w]))*)", // 5 prefixed name
    "([A-Za-z_][A-Za-z_0-9]*)",                                         // 6 word (keyword?)
    "([+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)",                        // 7 number
  ].join("|"), "g");

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight(text) {
    var out = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[0] === "") { TOKEN.lastIndex++; continue; }
      out += escapeHtml(text.slice(last, m.index));
      var cls = null;
      if (m[1]) cls = "com";
      else if (m[2]) cls = "str";
      else if (m[3]) cls = "iri";
      else if (m[4]) cls = "var";
      else if (m[5]) cls = "pn";
      else if (m[6]) cls = KEYWORD_SET[m[6].toUpperCase()] && (m[6] !== "A" ) ? "kw" : null;
      else if (m[7]) cls = "num";
      out += cls ? '<span class="tok-' + cls + '">' + escapeHtml(m[0]) + "</span>" : escapeHtml(m[0]);
      last = TOKEN.lastIndex;
    }
    // A trailing newline keeps the <pre> as tall as the textarea when the text ends with one.
    return out + escapeHtml(text.slice(last)) + "\n";
  }

  function declaredPrefixes(text) {
    var found = {}, re = /^\s*PREFIX\s+([A-Za-z][\w.-]*)?:/gim, m;
    while ((m = re.exec(text)) !== null) found[m[1] || ""] = true;
    return found;
  }

  /* Prefix lines for every project prefix the query does not declare itself. */
  function withPrefixes(text, prefixes) {
    var have = declaredPrefixes(text), lines = "";
    Object.keys(prefixes).forEach(function (p) {
      if (!have[p]) lines += "PREFIX " + p + ": <" + prefixes[p] + ">\n";
    });
    return lines + text;
  }

  function Editor(textarea, pre, prefixes) {
    this.ta = textarea;
    this.pre = pre;
    this.prefixes = prefixes;
    this.menu = null;
    this.active = 0;
    this.matches = [];
    var self = this;
    textarea.addEventListener("input", function () { self.render(); self.suggest(false); });
    textarea.addEventListener("scroll", function () { self.syncScroll(); });
    textarea.addEventListener("keydown", function (e) { self.onKey(e); });
    textarea.addEventListener("blur", function () { setTimeout(function () { self.hide(); }, 150); });
    this.render();
  }

  Editor.prototype.value = function () { return this.ta.value; };
  Editor.prototype.setValue = function (text) { this.ta.value = text; this.render(); this.hide(); };
  Editor.prototype.render = function () { this.pre.innerHTML = highlight(this.ta.value); this.syncScroll(); };
  Editor.prototype.syncScroll = function () {
    this.pre.scrollTop = this.ta.scrollTop;
    this.pre.scrollLeft = this.ta.scrollLeft;
  };

  /* The word before the caret that could be the start of a prefix, if any. */
  Editor.prototype.wordBeforeCaret = function () {
    var pos = this.ta.selectionStart;
    if (pos !== this.ta.selectionEnd) return null;
    var m = /(^|[^\w:?$<.-])([A-Za-z][\w-]*)$/.exec(this.ta.value.slice(0, pos));
    if (!m) return null;
    var after = this.ta.value.charAt(pos);
    if (after === ":" || /\w/.test(after)) return null;
    return { word: m[2], start: pos - m[2].length, end: pos };
  };

  Editor.prototype.suggest = function (explicit) {
    var w = this.wordBeforeCaret();
    if (!w || (!explicit && w.word.length < 2)) { this.hide(); return false; }
    var lower = w.word.toLowerCase(), prefixes = this.prefixes;
    // Keywords like "SELECT" never look like a prefix to a user; do not pester them.
    if (!explicit && KEYWORD_SET[w.word.toUpperCase()]) { this.hide(); return false; }
    this.matches = Object.keys(prefixes).filter(function (p) { return p.toLowerCase().indexOf(lower) === 0; });
    if (!this.matches.length) { this.hide(); return false; }
    this.word = w;
    this.active = 0;
    this.show();
    return true;
  };

  Editor.prototype.show = function () {
    var self = this;
    if (!this.menu) {
      this.menu = document.createElement("ul");
      this.menu.className = "completion";
      this.menu.setAttribute("role", "listbox");
      this.ta.parentNode.appendChild(this.menu);
    }
    this.menu.innerHTML = "";
    this.matches.forEach(function (p, i) {
      var li = document.createElement("li");
      li.className = i === self.active ? "active" : "";
      li.setAttribute("data-prefix", p);
      li.innerHTML = escapeHtml(p + ":") + '<span class="ns">' + escapeHtml(self.prefixes[p]) + "</span>";
      li.addEventListener("mousedown", function (e) { e.preventDefault(); self.accept(p); });
      self.menu.appendChild(li);
    });
    var c = this.caretCoords();
    this.menu.style.left = c.left + "px";
    this.menu.style.top = c.top + "px";
    this.menu.hidden = false;
  };

  Editor.prototype.hide = function () { if (this.menu) this.menu.hidden = true; this.matches = []; };
  Editor.prototype.open = function () { return this.menu && !this.menu.hidden && this.matches.length; };

  /* Caret position in pixels, measured with a mirror of the text up to the caret. */
  Editor.prototype.caretCoords = function () {
    var mirror = document.createElement("pre"), mark = document.createElement("span");
    mirror.className = "mirror";
    mirror.style.cssText = "position:absolute;visibility:hidden;inset:0;margin:0;padding:.6rem .7rem;" +
      "font:14px/1.45 var(--code);white-space:pre-wrap;word-wrap:break-word;overflow:hidden;";
    mirror.textContent = this.ta.value.slice(0, this.ta.selectionStart);
    mark.textContent = "\u200b";
    mirror.appendChild(mark);
    this.ta.parentNode.appendChild(mirror);
    var top = mark.offsetTop + mark.offsetHeight - this.ta.scrollTop, left = mark.offsetLeft;
    mirror.remove();
    return { top: top + 2, left: Math.min(left, this.ta.clientWidth - 200) };
  };

  /* Replace the typed word with "p:" and declare the prefix at the top if the query does not yet. */
  Editor.prototype.accept = function (p) {
    var ta = this.ta, w = this.word, text = ta.value;
    var before = text.slice(0, w.start) + p + ":", after = text.slice(w.end), caret = before.length;
    var head = "";
    if (!declaredPrefixes(text)[p]) {
      head = "PREFIX " + p + ": <" + this.prefixes[p] + ">\n";
      caret += head.length;
    }
    ta.value = head + before + after;
    ta.setSelectionRange(caret, caret);
    this.hide();
    this.render();
    ta.focus();
  };

  Editor.prototype.onKey = function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.hide();
      this.ta.dispatchEvent(new CustomEvent("rikg-run", { bubbles: true }));
      return;
    }
    if (this.open()) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        var n = this.matches.length;
        this.active = (this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
        this.show();
        return;
      }
      if (e.key === "Tab" || e.key === "Enter") {
        e.preventDefault();
        this.accept(this.matches[this.active]);
        return;
      }
      if (e.key === "Escape") { e.preventDefault(); this.hide(); return; }
    }
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      if (this.suggest(true)) {
        if (this.matches.length === 1) this.accept(this.matches[0]);
        return;
      }
      // No prefix to complete: indent, as an editor would.
      var s = this.ta.selectionStart, t = this.ta.value;
      this.ta.value = t.slice(0, s) + "  " + t.slice(this.ta.selectionEnd);
      this.ta.setSelectionRange(s + 2, s + 2);
      this.render();
    }
  };

  window.RikgEditor = {
    Editor: Editor,
    highlight: highlight,
    withPrefixes: withPrefixes,
    declaredPrefixes: declaredPrefixes,
    escapeHtml: escapeHtml,
  };
})();
