#!/usr/bin/env python3
"""Valid report-JSON shapes (../shared/spec/report-json.md) made from one generated tree, one tree
per shape, for scripts/probe_shapes.sh and scripts/bench_cliffs.sh (issue 14: "reports shaped in
ways you have not seen"). Each tree changes one thing of the base tree's reports.

    probe_shapes.py BASE OUT YEAR [SHAPE ...]     # BASE made by `nianbao generate --years Y-1,Y`
"""
import json, os, random, shutil, sys

def township_files(base, year):
    folder = os.path.join(base, year)
    return sorted(f for f in os.listdir(folder) if f.endswith(".json"))

def load(base, year, f):
    with open(os.path.join(base, year, f), encoding="utf-8") as h:
        return json.load(h)

def reverse_keys(v):
    if isinstance(v, dict):
        return {k: reverse_keys(v[k]) for k in reversed(list(v))}
    if isinstance(v, list):
        return [reverse_keys(x) for x in v]
    return v

COUNT_FREE = {"feesTenThousandYuan", "informationProcessingFeeYuan"}

class Raw(float):
    """A number written as given (json.dumps writes float.__repr__)."""
    def __new__(cls, text):
        o = float.__new__(cls, float(text)); o.text = text; return o
    def __repr__(self): return self.text

def counts_as(v, form, key=None):
    """Every count (an int) of the tables and overview rewritten as 12.0 or 1.2e1."""
    if isinstance(v, dict):
        return {k: (x if k in ("schemaVersion", "year") else counts_as(x, form, k)) for k, x in v.items()}
    if isinstance(v, bool) or not isinstance(v, int) or key in COUNT_FREE:
        return v
    if form == "float":
        return Raw(f"{v}.0")
    digits = str(v)
    return Raw(f"{digits[0]}.{digits[1:]}e{len(digits) - 1}" if len(digits) > 1 else f"{v}e0")

WORDS = ["公开", "信息", "平台", "栏目", "解读", "政策", "村务", "财务", "公示", "更新", "及时", "规范", "标准", "目录",
         "培训", "业务", "人员", "能力", "意识", "群众", "关切", "回应", "渠道", "热线", "留言", "办理", "时限", "质量",
         "基层", "便民", "服务", "事项", "清单", "动态", "调整", "监督", "考核", "问责", "整改", "落实", "机制", "制度"]

def long_text(rng, size):
    out, n = [], 0
    while n < size:
        s = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + rng.choice("，。；") 
        out.append(s); n += len(s.encode("utf-8"))
    return "".join(out)

def nested_unknown(k):
    return {"id": k, "tags": ["a", "b", k], "meta": {"source": "export", "ok": True, "rev": [1, 2.5, None]}}

def write(path, doc, **kw):
    text = json.dumps(doc, ensure_ascii=kw.get("ascii", False), indent=kw.get("indent", 2),
                      separators=kw.get("separators"))
    if kw.get("php"):
        text = text.replace("/", "\\/")
    if kw.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if kw.get("bom"):
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as h:
        h.write(data)

def main():
    base, out, year = sys.argv[1], sys.argv[2], sys.argv[3]
    previous = str(int(year) - 1)
    files = township_files(base, year)
    shapes = sys.argv[4:] or list(SHAPES)
    for shape in shapes:
        root = os.path.join(out, shape)
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(os.path.join(root, year))
        shutil.copy(os.path.join(base, "county.json"), root)
        shutil.copy(os.path.join(base, "roster.csv"), root)
        if os.path.isdir(os.path.join(base, previous)):
            shutil.copytree(os.path.join(base, previous), os.path.join(root, previous))
        SHAPES[shape](base, root, year, previous, files)
        print(shape, file=sys.stderr)

def each(transform, **kw):
    """A shape that rewrites every report of the year: transform(doc, index) → doc."""
    def make(base, root, year, previous, files):
        for i, f in enumerate(files):
            write(os.path.join(root, year, f), transform(load(base, year, f), i), **kw)
    return make

def copy_as_is(base, root, year, previous, files):
    for f in files:
        shutil.copy(os.path.join(base, year, f), os.path.join(root, year, f))

def set_path(doc, path, value):
    d = doc
    for k in path[:-1]:
        d = d.setdefault(k, {})
    if value is KeyError:
        d.pop(path[-1], None)
    else:
        d[path[-1]] = value
    return doc

def narrative_parts(value):
    def t(doc, i):
        doc["narrative"] = {k: value for k in ("overview", "problems", "otherMatters")}
        return doc
    return t

def twelve_digit_codes(base, root, year, previous, files):
    with open(os.path.join(base, "roster.csv"), encoding="utf-8") as h:
        lines = h.read().splitlines()
    with open(os.path.join(root, "roster.csv"), "w", encoding="utf-8") as h:
        h.write(lines[0] + "\n" + "".join(f"{n},{c}000\n" if c else f"{n},\n" for n, c in (l.split(",") for l in lines[1:] if l)))
    for y in (year, previous):
        folder = os.path.join(root, y)
        if not os.path.isdir(os.path.join(base, y)): continue
        for f in sorted(os.listdir(os.path.join(base, y))):
            d = load(base, y, f)
            if d["unit"].get("code"): d["unit"]["code"] += "000"
            write(os.path.join(folder, f), d)

def duplicates_twice(base, root, year, previous, files):
    for f in files:
        shutil.copy(os.path.join(base, year, f), os.path.join(root, year, f))
        shutil.copy(os.path.join(base, year, f), os.path.join(root, year, f.replace(".json", "-copy.json")))

def other_years(base, root, year, previous, files):
    """The year's reports plus last year's, misfiled into this year's folder (the year's own
    reports with `year` set back when the base tree has no previous year)."""
    copy_as_is(base, root, year, previous, files)
    if os.path.isdir(os.path.join(base, previous)):
        for f in sorted(os.listdir(os.path.join(base, previous))):
            shutil.copy(os.path.join(base, previous, f), os.path.join(root, year, f"{previous}-{f}"))
        return
    for f in files:
        d = load(base, year, f)
        d["year"] = int(previous)
        write(os.path.join(root, year, f"{previous}-{f}"), d)

def uppercase_extension(base, root, year, previous, files):
    for f in files:
        shutil.copy(os.path.join(base, year, f), os.path.join(root, year, f[:-5] + ".JSON"))

def nested_folders(base, root, year, previous, files):
    for i, f in enumerate(files):
        sub = os.path.join(root, year, f"批次{i % 20:02d}")
        os.makedirs(sub, exist_ok=True)
        shutil.copy(os.path.join(base, year, f), sub)

def many_unknown(doc, i):
    for k in range(1000):
        doc[f"x{k:04d}"] = nested_unknown(k)
    return doc

def chinese_unknown(doc, i):
    doc["备注"] = "由乡镇党政办填报"
    doc["填报人"] = {"姓名": "张三", "电话": "0952-0000000"}
    return doc

def deep_unknown(doc, i):
    v = "leaf"
    for _ in range(10):
        v = {"level": v}
    doc["exportMeta"] = v
    return doc

def long_narrative(doc, i):
    rng = random.Random(i)
    doc.setdefault("narrative", {})["problems"] = long_text(rng, 50_000)
    return doc

def incomplete(doc, i):
    doc.pop("appeals", None)
    return doc

SHAPES = {
    "base": copy_as_is,
    "pretty4crlf": each(lambda d, i: d, indent=4, crlf=True),
    "minified": each(lambda d, i: d, indent=None, separators=(",", ":")),
    "bom": each(lambda d, i: d, bom=True),
    "asciiescaped": each(lambda d, i: d, ascii=True),
    "php": each(lambda d, i: d, ascii=True, indent=None, php=True),
    "reversedkeys": each(lambda d, i: reverse_keys(d)),
    "counts12.0": each(lambda d, i: counts_as(d, "float")),
    "counts1.2e1": each(lambda d, i: counts_as(d, "exp")),
    "schema1.0": each(lambda d, i: set_path(d, ["schemaVersion"], Raw("1.0"))),
    "fee6decimals": each(lambda d, i: set_path(d, ["proactive", "feesTenThousandYuan"], Raw(f"{i % 97}.{(i * 7919) % 1000000:06d}"))),
    "feetrailing0s": each(lambda d, i: set_path(d, ["proactive", "feesTenThousandYuan"], Raw(f"{i % 97}.25" + "0" * 40))),
    "longurl": each(lambda d, i: set_path(d, ["sourceUrl"], "http://www.example.gov.cn/zwgk/" + "a1/" * 3000 + f"{i}.html")),
    "code12": twelve_digit_codes,
    "narrempty": each(narrative_parts("")),
    "narrnull": each(narrative_parts(None)),
    "narrabsent": each(lambda d, i: set_path(d, ["narrative"], KeyError)),
    "sectionnull": each(lambda d, i: set_path(d, ["overview"], None)),
    "incomplete": each(incomplete),
    "longnarr50k": each(long_narrative),
    "unknown1000": each(many_unknown, indent=None),
    "unknownchinese": each(chinese_unknown),
    "unknowndeep": each(deep_unknown),
    "dup2": duplicates_twice,
    "otheryears": other_years,
    "upperJSON": uppercase_extension,
    "nested": nested_folders,
}

if __name__ == "__main__":
    main()
