#!/usr/bin/env bash
# Scaffolds a new dsqlkit lint rule: the class (named after the id, in its statement-family package),
# its entry in RuleCatalog, its doc page and its evidence row. RuleCatalogTest fails until every
# TODO is replaced: the check itself, the messages, the page's Before/After examples, the evidence.
#
#   scripts/new-rule.sh <rule-id> <family> [statement|script]
#
#   rule-id  kebab-case, stable forever (suppression comments, SARIF and the docs use it)
#   family   unsupported | table | alter | index | types | sequence | function | session | transaction | script
#   kind     statement (default: sees one statement) or script (sees the whole script)
#
# Then: write the check, add golden cases (see dsqlkit-rules/src/test), and run
#   ./mvnw -B -q -pl dsqlkit-rules -am verify -Dtest='RuleCatalogTest' -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 2 ] || usage
id=$1 family=$2 kind=${3:-statement}
[[ $id =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || { echo "rule id must be kebab-case: $id" >&2; exit 2; }
case $family in unsupported|table|alter|index|types|sequence|function|session|transaction|script) ;;
  *) echo "unknown family '$family'" >&2; usage ;; esac
case $kind in statement) iface=StatementRule ctx=StatementContext ;; script) iface=ScriptRule ctx=ScriptContext ;;
  *) echo "kind must be statement or script" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
class=$(echo "$id" | awk -F- '{for (i = 1; i <= NF; i++) printf "%s%s", toupper(substr($i, 1, 1)), substr($i, 2)}')
pkgdir=$root/dsqlkit-rules/src/main/java/io/dsqlkit/rules/$family
src=$pkgdir/$class.java
page=$root/docs/rules/$id.md
catalog=$root/dsqlkit-rules/src/main/java/io/dsqlkit/rules/RuleCatalog.java
evidence=$root/dsqlkit-rules/src/main/resources/io/dsqlkit/rules/evidence.tsv

grep -q "\"$id\"" -r "$root/dsqlkit-rules/src/main/java" && { echo "rule id $id is taken" >&2; exit 1; }
[ -e "$src" ] && { echo "$src exists" >&2; exit 1; }
[ -e "$page" ] && { echo "$page exists" >&2; exit 1; }

mkdir -p "$pkgdir"
cat > "$src" <<EOF
package io.dsqlkit.rules.$family;

import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.$ctx;
import io.dsqlkit.rules.$iface;

/** TODO: what DSQL refuses, and the dsql-facts section that says so. */
public final class $class extends BaseRule implements $iface {
    static final String MESSAGE = "TODO: DSQL's exact message";

    public $class() {
        super("$id", "0A000", "TODO: one line telling the user what to do instead", ALL_PROFILES, MESSAGE);
    }

    @Override
    public void check($ctx ctx) {
        // TODO: find the construct and report it, e.g. ctx.report(this, first, last, MESSAGE, null)
    }
}
EOF

# register: the import, and the rule at the end of RuleCatalog's list
python3 - "$catalog" "io.dsqlkit.rules.$family.$class" "$class" <<'PY'
import re, sys
path, fq, cls = sys.argv[1:]
s = open(path).read()
s = s.replace("\nimport java.util.List;", "import %s;\n\nimport java.util.List;" % fq, 1) if ("import %s;" % fq) not in s else s
s = re.sub(r"(new \w+\(\))\);\n", r"\1,\n            new %s());\n" % cls, s, count=1)
open(path, "w").write(s)
PY

cat > "$page" <<EOF
# $id

## Problem

TODO: what the statement does and why DSQL refuses it.

## What DSQL says

SQLSTATE \`0A000\`:

    ERROR:  TODO: DSQL's exact message

Source: dsql-facts §TODO.

## Evidence

Behaviour: **inferred**. Message: **inferred**.

TODO: the sources (dsql-facts keys) and what exactly is and is not known.

Levels: *observed* on a real cluster, *documented* by AWS, or *inferred*.

## Fix

TODO: what to write instead (and whether \`dsqlkit lint --fix\` does it).

## Before

\`\`\`sql
-- TODO: a statement the rule flags
\`\`\`

## After

\`\`\`sql
-- TODO: the same intent, written the way DSQL accepts
\`\`\`

## Profiles

Applies under \`2025-05\` and \`2026-09\` (the default).

Suppress with \`-- dsqlkit-ignore $id\` on the line before the statement.
EOF

printf '%s\tinferred\tinferred\tTODO: the sources (dsql-facts keys) and what exactly is and is not known.\n' "$id" >> "$evidence"

echo "created $src"
echo "created $page"
echo "registered $class in RuleCatalog; evidence row appended to evidence.tsv"
echo "next: replace every TODO, add golden cases, then run RuleCatalogTest (it fails until the TODOs are gone)"
