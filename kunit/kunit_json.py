#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kunit_json.py PREFIX REPORT.json: print one "PASS|FAIL|SKIP name" line
per test case of a kunit.py JSON report (kunit.py run/parse --json).
Exits 1 if the report holds no test case."""

import json
import sys


def walk(group, path, out, root=False):
    """Collect (status, name) of every test case; the root group's own
    name ("KUnit Test Group", "main", ...) is not part of the names."""
    name = group.get("name", "")
    here = path + [name] if name and not root else path
    for case in group.get("test_cases", []):
        status = case.get("status", "FAIL")
        if status not in ("PASS", "SKIP"):
            status = "FAIL"
        out.append((status, ".".join(here + [case["name"]])))
    for sub in group.get("sub_groups", []):
        walk(sub, here, out)


def main():
    prefix, report = sys.argv[1], sys.argv[2]
    with open(report, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    walk(data, [], out, root=True)
    for status, name in out:
        print(f"{status} {prefix}: {name}")
        if status != "PASS":
            print(f"{'skip' if status == 'SKIP' else 'FAILED':7} {prefix}: {name}",
                  file=sys.stderr)
    return 0 if out else 1


if __name__ == "__main__":
    sys.exit(main())
