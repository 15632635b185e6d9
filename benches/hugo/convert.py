#!/usr/bin/env python3
"""Converts a vanban content folder into a Hugo site's content for the
side-by-side benchmark (benches/compare.sh): the same directives, each with
the taxonomies that give Hugo the page kinds vanban makes (province, cited
directive, year, month). Usage: convert.py CONTENT HUGO_SITE."""
import os
import sys

import yaml

src, site = sys.argv[1], sys.argv[2]
out = os.path.join(site, "content", "van-ban")
count = 0
for folder, _, names in os.walk(src):
    for name in sorted(names):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        date = str(meta.get("date") or "")
        cites = [c if isinstance(c, str) else c.get("number", "") for c in meta.get("cites") or []]
        front = {
            "title": meta.get("title", ""),
            "number": meta.get("number", ""),
            "issuer": meta.get("issuer", ""),
            "provinces": [meta["province"]] if meta.get("province") else [],
            "cited": [c for c in cites if c],
            "years": [date[:4]] if len(date) >= 4 else [],
            "months": [date[:7]] if len(date) >= 7 else [],
        }
        if len(date) == 10:
            front["date"] = date
        rel = os.path.relpath(folder, src)
        target = os.path.join(out, rel)
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, name), "w", encoding="utf-8") as f:
            f.write("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)
        count += 1
print(f"converted {count} directives", file=sys.stderr)
