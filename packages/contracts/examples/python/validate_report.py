#!/usr/bin/env python3
"""Validate payloads against a JSON Schema file of @spkey/contracts, from Python.

A sibling service written in Python checks a diagnostics report (or any other payload the package
publishes a schema for) with the `jsonschema` library, reading the schema file as it ships in the
npm package (node_modules/@spkey/contracts/schemas/) or in this repository (schemas/).

    /usr/bin/python3 validate_report.py report.json [more.json ...]
    /usr/bin/python3 validate_report.py --schema ../../schemas/user-search.schema.json answer.json

Prints "<file>: valid" or "<file>: invalid" followed by one indented "<path>: <message>" line per
problem; exits 0 when every file is valid, 1 otherwise (2 for a usage error).

Needs jsonschema >= 4.5 (Debian bookworm: `apt-get install python3-jsonschema`, 4.10.3, for the
system Python, /usr/bin/python3).
"""
import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "diagnostics-report.schema.json"


def format_checker() -> FormatChecker:
    """The 2020-12 format checks, plus "date-time".

    jsonschema checks "uuid" itself, but "date-time" only when the rfc3339-validator package is
    installed, and Debian does not package it. The schema's own pattern already pins the RFC 3339
    shape; this check also refuses what Python's re lets through that pattern: "$" matches before
    a final newline in Python, not in ECMA-262.
    """
    checker = FormatChecker(Draft202012Validator.FORMAT_CHECKER.checkers)

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None

    return checker


def problems(validator: Draft202012Validator, payload: object) -> list[str]:
    """One "<path>: <message>" line per failed check, in the schema's property order."""
    return [
        f"{'.'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(payload)
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA, help="a schemas/*.json file")
    parser.add_argument("payloads", type=Path, nargs="+", help="JSON files to validate")
    args = parser.parse_args(argv)

    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=format_checker())

    all_valid = True
    for path in args.payloads:
        found = problems(validator, json.loads(path.read_text(encoding="utf-8")))
        print(f"{path}: {'invalid' if found else 'valid'}")
        for line in found:
            print(f"  {line}")
        all_valid = all_valid and not found
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
