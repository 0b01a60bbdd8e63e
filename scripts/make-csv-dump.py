#!/usr/bin/env python3
"""Build a synthetic cables.csv-format dump from the real-cable corpus.

Format (tests/data/corpus/csv/README.md): no header row; 8 double-quoted
columns  row number, created "M/D/YYYY H:MM", reference id, origin,
classification, references ('|'-separated ids), header, body;  quotes inside
fields escaped as \\" (and backslashes as \\\\), raw newlines inside fields.

    scripts/make-csv-dump.py --out /tmp/cables.csv                # one copy
    scripts/make-csv-dump.py --out /tmp/big.csv --size 1024       # ~1 GB
    scripts/make-csv-dump.py --out /tmp/x.csv --copies 3

Copy k (k >= 1) of a cable gets serial + k*100000 in both the id column and
the banner line, so every row is a distinct cable. Output is deterministic.
Python 3 standard library only.
"""

import argparse
import html
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "corpus")
NOTICE = "This record is a partial extract of the original cable. The full text of the original cable is not available."
BANNER = re.compile(
    r"^\s*(UU?NCLAS(SIFIED)?|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|TOP SECRET)\b.*?(\d{1,6})\s*$",
    re.I,
)
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def pre_text(block):
    # The malformed cablemap pages hold tab-separated dump rows whose lines
    # end in a backslash: read them as lines, as the parser does.
    if block.count("\\&#x000A;") > 3:
        block = block.replace("\\&#x000A;", "&#x000A;").replace("\t", "&#x000A;")
    block = block.replace("&#x000A;", "\n")
    block = re.sub(r"<[^>]+>", "", block)
    return html.unescape(block)


def created_from_iso(s):
    m = re.match(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)", s or "")
    if not m:
        return ""
    y, mo, d, h, mi = (int(x) for x in m.groups())
    return "%d/%d/%d %d:%02d" % (mo, d, y, h, mi)


def created_from_dtg(text):
    m = re.search(r"\b(\d\d)(\d\d)(\d\d)Z (%s) (\d\d)\b" % "|".join(MONTHS), text, re.I)
    if not m:
        return ""
    d, h, mi, mon, yy = m.groups()
    y = int(yy) + (1900 if int(yy) > 50 else 2000)
    return "%d/%d/%d %d:%s" % (MONTHS.index(mon.upper()) + 1, int(d), y, int(h), mi)


def read_html(path):
    s = open(path, encoding="utf-8", errors="replace").read()
    cells = re.findall(r"<td>\s*<a[^>]*>(.*?)</a>\s*</td>", s, re.S)
    pres = re.findall(r"<pre>(.*?)</pre>", s, re.S)
    if len(pres) < 2 or len(cells) < 4:
        return None
    ref, created = html.unescape(cells[0]), cells[1]
    classification, origin = html.unescape(cells[-2]), html.unescape(cells[-1])
    return {
        "id": ref,
        "created": created_from_iso(created),
        "origin": origin,
        "classification": classification,
        "header": pre_text(pres[0]).strip("\n"),
        "body": pre_text(pres[1]).strip("\n"),
    }


def split_at_banner(lines):
    for i, line in enumerate(lines):
        if BANNER.match(line) and not line.startswith(("FM ", "TO ", "INFO ")):
            return i
    return 0


def read_txt(path):
    raw = open(path, "rb").read()
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        s = raw.decode("cp1252", errors="replace")
    s = s.replace("\r\n", "\n")
    ref = os.path.splitext(os.path.basename(path))[0]
    lines = s.split("\n")
    if lines and lines[0].strip() == ref and len(lines) > 5:
        # alx/cablegate scrape: id, subject, date, classification, origin, then
        # the notice glued to the banner.
        m = re.match(r"\w{3} (\w{3}) (\d\d) (\d\d):(\d\d):\d\d \S+ (\d{4})", lines[2])
        created = ""
        if m:
            mon, d, h, mi, y = m.groups()
            created = "%d/%d/%s %d:%s" % (MONTHS.index(mon.upper()) + 1, int(d), y, int(h), mi)
        rest = "\n".join(lines[5:])
        header, body = (NOTICE, rest[len(NOTICE):]) if rest.startswith(NOTICE) else ("", rest)
        return {"id": ref, "created": created, "origin": lines[4].strip(), "classification": lines[3].strip(), "header": header, "body": body.strip("\n")}
    i = split_at_banner(lines)
    header, body = "\n".join(lines[:i]).strip("\n"), "\n".join(lines[i:]).strip("\n")
    fm = re.search(r"^FM (.+?)\s*$", header, re.M)
    origin = ""
    if fm:
        words = fm.group(1).split()
        kinds = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "USMISSION": "Mission"}
        if words[0] in kinds:
            origin = kinds[words[0]] + " " + " ".join(w if w in ("UNVIE", "USEU", "USNATO", "USUN") else w.title() for w in words[1:])
        else:
            origin = words[0] + " " + " ".join(w.title() for w in words[1:])
    banner = lines[i] if i < len(lines) else ""
    level = "UNCLASSIFIED" if banner.upper().startswith(("UNCLAS", "UUNCLAS")) else ("SECRET" if "SECRET" in banner.upper() else "CONFIDENTIAL")
    return {"id": ref, "created": created_from_dtg(header), "origin": origin, "classification": level, "header": header, "body": body}


def corpus():
    out = []
    for sub, reader in (("html", read_html), ("txt", read_txt)):
        d = os.path.join(ROOT, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith((".html", ".txt")):
                rec = reader(os.path.join(d, name))
                if rec:
                    out.append(rec)
    return out


def shifted(rec, k):
    """Copy k of a record: serial + k*100000 in the id and the banner."""
    if k == 0:
        return rec
    m = re.match(r"^(.*?\D)(\d+)$", rec["id"])
    if not m:
        return rec
    serial = int(m.group(2))
    new = dict(rec)
    new["id"] = "%s%d" % (m.group(1), serial + k * 100000)
    lines = rec["body"].split("\n")
    for i, line in enumerate(lines[:40]):
        b = BANNER.match(line)
        if b and int(b.group(3)) == serial:
            s, e = b.span(3)
            lines[i] = line[:s] + "%06d" % (serial + k * 100000) + line[e:]
            break
    new["body"] = "\n".join(lines)
    return new


def field(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def row(n, rec):
    cols = [str(n), rec["created"], rec["id"], rec["origin"], rec["classification"], "", rec["header"], rec["body"]]
    return ",".join(field(c) for c in cols) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output path")
    ap.add_argument("--copies", type=int, default=1, help="number of copies of the corpus (default 1)")
    ap.add_argument("--size", type=float, default=0, help="repeat the corpus until the dump reaches this many MB")
    a = ap.parse_args(argv)
    recs = corpus()
    limit = int(a.size * 1024 * 1024)
    n = 0
    written = 0
    k = 0
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        while k < a.copies or written < limit:
            for rec in recs:
                if limit and written >= limit and k >= a.copies:
                    break
                n += 1
                r = row(n, shifted(rec, k))
                f.write(r)
                written += len(r.encode("utf-8"))
            k += 1
    print("%s: %d rows, %d copies, %d bytes" % (a.out, n, k, written), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
