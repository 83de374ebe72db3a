#!/usr/bin/env python3
"""Checks of .xlsx files for scripts/libreoffice_check.sh (standard library only).

  xlsx_check.py wellformed FILE...   one line per file: "OK<TAB>file<TAB>sheets" or
                                     "FAIL<TAB>file<TAB>why": the zip reads (CRCs), every XML
                                     part parses, and nothing is there that Excel "repairs"
                                     (sheet names, cells over 32,767 characters, cells out of
                                     order, overlapping merges, parts that are referred to but
                                     missing).
  xlsx_check.py compare ORIG COPY    exit 0 when COPY (LibreOffice's re-export of ORIG) has the
                                     same sheets, in order, and every non-blank cell of ORIG with
                                     the same value; else one line saying what differs, exit 1.
"""
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(s):
    """OOXML's _xHHHH_ escapes (control characters in strings) decoded."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def column(ref):
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n


def split_ref(ref):
    m = re.fullmatch(r"\$?([A-Z]+)\$?([0-9]+)", ref)
    if not m:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(m.group(2)), column(m.group(1))


def text_of(si):
    """The text of a shared string or inline string: its <t>, or its rich-text runs' (not
    the phonetic guides')."""
    parts = []
    for child in si:
        if child.tag == NS + "t":
            parts.append(child.text or "")
        elif child.tag == NS + "r":
            parts.extend(t.text or "" for t in child.findall(NS + "t"))
    return "".join(parts)


def rels(z, part):
    """A part's relationships: id -> target path inside the zip."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(path)).iter(PKG_REL + "Relationship"):
        if r.get("TargetMode") == "External":
            continue
        target = r.get("Target")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[r.get("Id")] = full
    return out


def sheets(z):
    """[(name, part)] in workbook order."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    r = rels(z, "xl/workbook.xml")
    return [(s.get("name"), r.get(s.get(REL + "id"))) for s in wb.iter(NS + "sheet")]


def shared_strings(z):
    r = rels(z, "xl/workbook.xml")
    path = next((p for p in r.values() if p.endswith("sharedStrings.xml")), None)
    if not path or path not in z.namelist():
        return []
    return [text_of(si) for si in ET.fromstring(z.read(path)).iter(NS + "si")]


def cells(z, part, strings):
    """ref -> ("s", text) or ("n", float) for every non-blank cell of one sheet."""
    out = {}
    for c in ET.fromstring(z.read(part)).iter(NS + "c"):
        t, v = c.get("t", "n"), c.find(NS + "v")
        if t == "inlineStr":
            is_ = c.find(NS + "is")
            val = ("s", text_of(is_)) if is_ is not None else None
        elif v is None or v.text is None:
            val = None
        elif t == "s":
            val = ("s", strings[int(v.text)])
        elif t in ("str", "e"):
            val = ("s", v.text)
        elif t == "b":
            val = ("n", float(v.text))
        else:
            val = ("n", float(v.text))
        if val is not None and val != ("s", ""):
            out[c.get("r")] = val
    return out


def wellformed(path):
    """None when the workbook is sound, else why not; and its number of sheets."""
    try:
        z = zipfile.ZipFile(path)
    except Exception as e:
        return f"not a zip file: {e}", 0
    with z:
        bad = z.testzip()
        if bad:
            return f"bad CRC in {bad}", 0
        names = set(z.namelist())
        for need in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"):
            if need not in names:
                return f"no {need}", 0
        for name in sorted(names):
            if name.endswith(".xml") or name.endswith(".rels"):
                try:
                    ET.fromstring(z.read(name))
                except ET.ParseError as e:
                    return f"{name} is not well-formed XML: {e}", 0
        # Every part a relationship or [Content_Types].xml names is there.
        for path in sorted(n for n in names if n.endswith(".rels")):
            folder, name = posixpath.split(path)
            owner = posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])
            for rid, target in rels(z, owner).items():
                if target not in names:
                    return f"{path}: relationship {rid} points to missing {target}", 0
        ct = ET.fromstring(z.read("[Content_Types].xml"))
        for o in ct.iter("{http://schemas.openxmlformats.org/package/2006/content-types}Override"):
            if o.get("PartName").lstrip("/") not in names:
                return f"[Content_Types].xml names missing part {o.get('PartName')}", 0
        listed = sheets(z)
        if not listed:
            return "no sheets", 0
        seen = set()
        for name, part in listed:
            if not name or len(name) > 31 or re.search(r"[\[\]:*?/\\]", name) or name.startswith("'") or name.endswith("'"):
                return f"sheet name {name!r} is not one Excel allows", 0
            if name.lower() in seen:
                return f"sheet name {name!r} twice", 0
            seen.add(name.lower())
            if part not in names:
                return f"sheet {name!r}: part {part} missing", 0
        strings = shared_strings(z)
        for k, s in enumerate(strings):
            if utf16_len(unescape(s)) > 32767:
                return f"shared string {k} has {utf16_len(unescape(s))} characters (> 32,767)", 0
        for name, part in listed:
            root = ET.fromstring(z.read(part))
            last_row = 0
            for row in root.iter(NS + "row"):
                r = int(row.get("r"))
                if r <= last_row:
                    return f"sheet {name!r}: row {r} after row {last_row}", 0
                last_row, last_col = r, 0
                for c in row.iter(NS + "c"):
                    cr, cc = split_ref(c.get("r"))
                    if cr != r or cc <= last_col:
                        return f"sheet {name!r}: cell {c.get('r')} out of order", 0
                    last_col = cc
                    if c.get("t") == "s":
                        v = c.find(NS + "v")
                        if v is None or not v.text or not 0 <= int(v.text) < len(strings):
                            return f"sheet {name!r}: cell {c.get('r')} refers to no shared string", 0
                    elif c.get("t") in ("inlineStr", "str"):
                        is_ = c.find(NS + "is")
                        s = (text_of(is_) if is_ is not None else "") if c.get("t") == "inlineStr" else (c.findtext(NS + "v") or "")
                        if utf16_len(unescape(s)) > 32767:
                            return f"sheet {name!r}: cell {c.get('r')} has more than 32,767 characters", 0
            merges = []
            for m in root.iter(NS + "mergeCell"):
                a, b = m.get("ref").split(":")
                (r1, c1), (r2, c2) = split_ref(a), split_ref(b)
                for (s1, d1, s2, d2, ref) in merges:
                    if r1 <= s2 and s1 <= r2 and c1 <= d2 and d1 <= c2:
                        return f"sheet {name!r}: merged ranges {ref} and {m.get('ref')} overlap", 0
                merges.append((r1, c1, r2, c2, m.get("ref")))
        return None, len(listed)


def difference(was, now):
    """What became of a cell, short enough for one line."""
    if now is None:
        return f"{short(was)} became blank"
    if isinstance(was, str) and isinstance(now, str):
        a, b = unescape(was), unescape(now)
        k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return (f"{len(a)} characters became {len(b)}, first difference at character {k}: "
                f"{short(a[k:])} became {short(b[k:])}")
    return f"{short(was)} became {short(now)}"


def short(v):
    r = repr(v)
    return r if len(r) <= 60 else r[:50] + "…"


def compare(orig, copy):
    with zipfile.ZipFile(orig) as a, zipfile.ZipFile(copy) as b:
        sa, sb = sheets(a), sheets(b)
        if [n for n, _ in sa] != [n for n, _ in sb]:
            return f"sheets {[n for n, _ in sa]} became {[n for n, _ in sb]}"
        stra, strb = shared_strings(a), shared_strings(b)
        for (name, pa), (_, pb) in zip(sa, sb):
            ca, cb = cells(a, pa, stra), cells(b, pb, strb)
            for ref, (kind, value) in sorted(ca.items(), key=lambda kv: split_ref(kv[0])):
                got = cb.get(ref)
                if kind == "s":
                    ok = got is not None and got[0] == "s" and unescape(got[1]) == unescape(value)
                else:
                    ok = got is not None and got[0] == "n" and abs(got[1] - value) <= 1e-9 * max(1.0, abs(value))
                if not ok:
                    return f"sheet {name!r} cell {ref}: {difference(value, got[1] if got else None)}"
        return None


def main(argv):
    if len(argv) >= 2 and argv[0] == "wellformed":
        status = 0
        for path in argv[1:]:
            try:
                why, n = wellformed(path)
            except Exception as e:  # a check that itself breaks is a failure of the workbook
                why, n = f"{type(e).__name__}: {e}", 0
            print(f"OK\t{path}\t{n}" if why is None else f"FAIL\t{path}\t{why}", flush=True)
            status |= why is not None
        return status
    if len(argv) == 3 and argv[0] == "compare":
        try:
            why = compare(argv[1], argv[2])
        except Exception as e:
            why = f"{type(e).__name__}: {e}"
        if why:
            print(why)
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
