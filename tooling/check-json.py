#!/usr/bin/python3
"""Validate oom-rank --json outputs against tools/mm/oom-rank.schema.json.

  check-json.py SCHEMA FILE [LABEL]

FILE holds "OOMKIT-JSON NAME {json}" lines (the smoke job's output) or, with
no such line, one JSON document.  Prints one "ok - " or "not ok - " line per
document.  Runs with Debian's python3 (python3-jsonschema).
"""
import json
import sys

import jsonschema


def main(schema_path, path, label="oom-rank --json"):
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    docs = []
    text = open(path, errors="replace").read()
    for line in text.splitlines():
        if line.startswith("OOMKIT-JSON "):
            _, name, doc = (line.split(None, 2) + [""])[:3]
            docs.append((name, doc))
    if not docs:
        docs.append(("", text))
    for name, doc in docs:
        what = f"{label}{' (' + name + ')' if name else ''} validates against the schema"
        try:
            errors = sorted(validator.iter_errors(json.loads(doc)), key=str)
        except json.JSONDecodeError as e:
            errors = [f"not JSON: {e}"]
        if errors:
            for e in errors[:5]:
                print(f"# {getattr(e, 'message', e)}")
            print(f"not ok - {what}")
        else:
            print(f"ok - {what}")


if __name__ == "__main__":
    main(*sys.argv[1:])
