#!/usr/bin/env python3
"""The closing line of a test run, read from SwiftPM's xUnit file rather than XCTest's text.

    scripts/test_results.py .build/xunit.xml [.build/test.log]

Prints `tests: N passed, N failed, N skipped` and exits 0 only when at least one test ran and
none failed. A missing or unreadable file, or one that lists no test, is a failure.

A test is failed when its <testcase> holds <failure> or <error>, skipped when it holds <skipped>
or, since SwiftPM 6.3's parallel runner writes no <skipped> element, when the log of the verbose
run (each test's own XCTest output) says "Test Case 'Class.test' skipped". Python's standard
library only: CI needs nothing from PyPI.
"""
import re
import sys
import xml.etree.ElementTree as ET


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: test_results.py XUNIT.xml [TEST.log]", file=sys.stderr)
        return 2
    xunit = argv[1]
    try:
        root = ET.parse(xunit).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"tests: no result ({xunit}: {e})")
        return 1
    skipped_in_log = set()
    if len(argv) == 3:
        try:
            with open(argv[2], encoding="utf-8", errors="replace") as log:
                for line in log:
                    m = re.match(r"^Test Case '([^']+)' skipped \(", line)
                    if m:
                        skipped_in_log.add(m.group(1))
        except OSError as e:
            print(f"tests: no log ({argv[2]}: {e})")
            return 1
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        # classname is "Module.Class"; XCTest's log names "Class.test".
        name = case.get("classname", "").split(".")[-1] + "." + case.get("name", "")
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or name in skipped_in_log:
            skipped += 1
        else:
            passed += 1
    total = passed + failed + skipped
    if total == 0:
        print(f"tests: no test ran ({xunit} lists none)")
        return 1
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
