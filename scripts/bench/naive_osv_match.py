#!/usr/bin/env python3
"""The peer for the cold-start benchmark (scripts/cold-start-bench.sh): a naive offline OSV matcher, not part of
Bulwark. Each run re-reads every OSV dump under OSV_DIR (every */all.zip and loose *.json record), keeps the PyPI
records, and matches the pinned `name==version` lines of a requirements file against their `versions` lists and
ECOSYSTEM ranges (PEP 440 ordering from `packaging`). Prints one line per finding and a summary line.

usage: naive_osv_match.py OSV_DIR REQUIREMENTS_TXT
"""
import glob
import json
import os
import re
import sys
import zipfile

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version


def records(osv_dir):
    for path in sorted(glob.glob(os.path.join(osv_dir, "**", "*"), recursive=True)):
        if path.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith(".json"):
                        yield json.loads(z.read(name))
        elif path.endswith(".json"):
            with open(path, encoding="utf-8") as f:
                yield json.load(f)


def requirements(path):
    pins = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;\\#]+)", line)
            if m:
                pins[canonicalize_name(m.group(1))] = m.group(3)
    return pins


def parse(v):
    try:
        return Version(v)
    except InvalidVersion:
        return None


def in_range(version, events):
    v = parse(version)
    if v is None:
        return False
    affected = False
    for e in events:  # OSV: events in order; introduced opens, fixed / last_affected close
        if "introduced" in e:
            start = e["introduced"]
            affected = start == "0" or (parse(start) is not None and v >= parse(start))
        elif "fixed" in e and affected and parse(e["fixed"]) is not None and v >= parse(e["fixed"]):
            affected = False
        elif "last_affected" in e and affected and parse(e["last_affected"]) is not None and v > parse(e["last_affected"]):
            affected = False
    return affected


def main():
    osv_dir, req = sys.argv[1], sys.argv[2]
    pins = requirements(req)
    found = 0
    for rec in records(osv_dir):
        if rec.get("withdrawn"):
            continue
        for aff in rec.get("affected") or []:
            pkg = aff.get("package") or {}
            if pkg.get("ecosystem") != "PyPI":
                continue
            name = canonicalize_name(pkg.get("name", ""))
            if name not in pins:
                continue
            version = pins[name]
            hit = version in (aff.get("versions") or [])
            for r in aff.get("ranges") or []:
                if r.get("type") == "ECOSYSTEM" and in_range(version, r.get("events") or []):
                    hit = True
            if hit:
                found += 1
                print(f"{rec['id']}\t{name}\t{version}")
                break
    print(f"{len(pins)} packages, {found} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
