#!/usr/bin/env python3
"""Writes the "## Evidence" section of every docs/rules/<id>.md page from the rules' evidence data
(dsqlkit-rules/src/main/resources/io/dsqlkit/rules/evidence.tsv). RuleCatalogTest checks that each
page shows exactly what the data says; run this after editing the data:

    python3 scripts/sync-rule-evidence.py
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "dsqlkit-rules/src/main/resources/io/dsqlkit/rules/evidence.tsv"
DOCS = ROOT / "docs/rules"


def section(behaviour, message, basis):
    return ("## Evidence\n\n"
            f"Behaviour: **{behaviour}**. Message: **{message}**.\n\n"
            f"{basis}\n\n"
            "Levels: *observed* on a real cluster, *documented* by AWS, or *inferred*.\n\n")


def main():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule_id, behaviour, message, basis = line.split("\t")
        page = DOCS / f"{rule_id}.md"
        md = page.read_text(encoding="utf-8")
        new = section(behaviour, message, basis)
        if "## Evidence\n" in md:
            md = re.sub(r"## Evidence\n.*?(?=## )", lambda _: new, md, count=1, flags=re.S)
        else:
            md = md.replace("## Fix\n", new + "## Fix\n", 1)
        page.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
