#!/usr/bin/env python3
"""Checks the DOMs scripts/browser_check.sh had chromium dump (standard library only).

  browser_check.py OUT STDERR

OUT holds page.dom.html (the bundled county's second run), page.summary.json and
hostile.dom.html; STDERR is the second run's stderr. Prints one line per check; exits 1 on any
failure.
"""
import json
import sys
from html.parser import HTMLParser

LABELS = {"onTime": "按时", "late": "逾期", "pending": "待报送", "missing": "未报送",
          "unreadable": "无法读取", "dateUnknown": "发布日期不明"}


class DOM(HTMLParser):
    """Every element with its attributes, and the text under each element id and each table row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []          # (tag, attrs)
        self.stack = []         # open elements: (tag, attrs, text parts)
        self.rows = []          # (tr class, text) of every table row
        self.by_id = {}         # id -> text
        self.items = []         # (li class, text)
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("br", "meta", "link", "img", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "param", "track"):
            return
        self.stack.append((tag, dict(attrs), []))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            t, attrs, parts = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][2].append(text)
            if t == "tr":
                self.rows.append((attrs.get("class", ""), text))
            if t == "li":
                self.items.append((attrs.get("class", ""), text))
            if "id" in attrs:
                self.by_id[attrs["id"]] = text
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.stack:
            self.stack[-1][2].append(data)


def parse(path):
    d = DOM()
    with open(path, encoding="utf-8") as f:
        d.feed(f.read())
    d.close()
    return d


failures = 0


def check(ok, what):
    global failures
    print(("ok      " if ok else "FAILED  ") + what)
    if not ok:
        failures += 1


def main():
    out, stderr_path = sys.argv[1], sys.argv[2]
    page = parse(f"{out}/page.dom.html")
    with open(f"{out}/page.summary.json", encoding="utf-8") as f:
        summary = json.load(f)
    with open(stderr_path, encoding="utf-8") as f:
        stderr = f.read()

    # Every township, with its status word, in the townships' table.
    rows = [text for cls, text in page.rows if cls.startswith("row-")]
    for t in summary["townships"]:
        label = LABELS[t["status"]]
        hit = [r for r in rows if t["name"] in r and label in r]
        check(len(hit) >= 1, f"township {t['name']} shown as {label}")
    check(len(rows) == len(summary["townships"]), f"{len(rows)} township rows for {len(summary['townships'])} townships")

    # The call list: missing, unreadable, late, undated, or with errors.
    def calls(t):
        return t["status"] in ("missing", "unreadable", "late", "dateUnknown") or any(
            f["severity"] == "error" for f in t["flags"])
    expected = [t["name"] for t in summary["townships"] if calls(t)]
    chase = [text for cls, text in page.items if cls.startswith("chase-")]
    check(len(chase) == len(expected), f"call list has {len(chase)} townships, expected {len(expected)}")
    for name in expected:
        check(any(name in c for c in chase), f"call list names {name}")

    # The changes since the first run.
    since = summary["changes"]["since"]
    check(since == "2025-01-30", f"summary.json changes since {since}")
    check("城关镇" in page.by_id.get("new-reports", ""), "page lists 城关镇 as a new report")
    check("姚伏镇" in page.by_id.get("newly-overdue", ""), "page lists 姚伏镇 as newly overdue")
    check("自 2025-01-30 以来的变化" in "".join(page.text), "page heads the changes with the previous as-of")
    check(stderr.rstrip().endswith("since 2025-01-30: 1 new report, 1 newly overdue"), "stderr line ends with the changes")

    # Self-contained: the CSP, nothing loaded from anywhere.
    csp = [a.get("content", "") for tag, a in page.tags if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    check(csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"], "Content-Security-Policy meta")
    loads = [(tag, a) for tag, a in page.tags if tag in ("script", "img", "iframe", "link", "object", "embed") or "src" in a]
    check(loads == [], f"no element loads anything ({loads[:3]})")
    external = [a["href"] for tag, a in page.tags if tag == "a" and a.get("href", "").lower().startswith("http")
                and "source" not in a.get("class", "")]
    check(external == [], f"no outside link but the reports' own ({external[:3]})")
    check(len(page.by_id.get("charts", "")) > 0 and sum(1 for tag, _ in page.tags if tag == "svg") == 3, "three inline SVG charts")

    # The hostile page: names stay text, nothing injected.
    hostile = parse(f"{out}/hostile.dom.html")
    bad = [(tag, a) for tag, a in hostile.tags if tag in ("script", "img", "iframe", "object", "embed")]
    check(bad == [], f"hostile page: no injected element ({bad[:3]})")
    handlers = [(tag, k) for tag, a in hostile.tags for k in a if k.lower().startswith("on")]
    check(handlers == [], f"hostile page: no event-handler attribute ({handlers[:3]})")
    js = [a.get("href") for tag, a in hostile.tags if (a.get("href") or "").strip().lower().startswith(("javascript:", "data:"))]
    check(js == [], f"hostile page: no javascript: or data: link ({js})")
    text = "".join(hostile.text)
    for name in ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "陶乐镇' onmouseover='alert(3)"]:
        check(name in text, f"hostile page shows {name!r} as text")
    links = [a.get("href") for tag, a in hostile.tags if tag == "a" and "source" in a.get("class", "")]
    check("https://example.gov.cn/a?b=1&c=\"><script>alert(4)</script>" in links, "a hostile but http(s) URL stays one attribute value")

    print(f"{failures} failed" if failures else "all checks passed")
    sys.exit(1 if failures else 0)


main()
