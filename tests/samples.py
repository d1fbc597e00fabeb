"""Sample data several test modules share: hand-built partnerships, a mapped sample, broken copies.

The partnerships and places are written out by hand so a test's expected values can be read off
these lines; write_copy copies the real dataset (data/) with chosen rows broken.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from components import DATA_DIR
from components.models import Partnership, Place, PlaceRef


def sample_partnership(pid: str, id_name: str, id_level: str, id_province: str, cn_name: str,
                       cn_zh: str, cn_level: str, cn_province: str, stage: str, date: str,
                       fields: tuple[str, ...] = (), confidence: str = "confirmed") -> Partnership:
    """A partnership from its columns (Indonesian side, Chinese side, stage, date), with a source and notes."""
    return Partnership(id=pid, id_name=id_name, id_level=id_level, id_province=id_province,
                       cn_name=cn_name, cn_name_zh=cn_zh, cn_level=cn_level, cn_province=cn_province,
                       stage=stage, date=date, sources=(f"https://example.org/{pid}",),
                       fields=tuple(fields), confidence=confidence, notes=f"Notes on {pid}.")


# Every level, stage, undated rows, a spread of years, provinces on both sides, and fields.
PARTNERSHIPS = (
    sample_partnership("serang-hangzhou", "Kota Serang", "city", "Banten",
                       "Hangzhou", "杭州市", "city", "Zhejiang", "loi", "2025-09-05",
                       ("digital economy", "investment")),
    sample_partnership("kab-tangerang-binzhou", "Kabupaten Tangerang", "regency", "Banten",
                       "Binzhou", "滨州市", "city", "Shandong", "loi", "2025-06",
                       ("tourism", "education")),
    sample_partnership("tangerang-yantai", "Kota Tangerang", "city", "Banten",
                       "Yantai", "烟台市", "city", "Shandong", "loi", "2024-04-24",
                       ("education",)),
    sample_partnership("jawa-tengah-fujian", "Provinsi Jawa Tengah", "province", "Jawa Tengah",
                       "Fujian", "福建省", "province", "Fujian", "agreement", "2003",
                       ("education", "culture"), "disputed"),
    sample_partnership("sumatera-utara-guangdong", "Provinsi Sumatera Utara", "province", "Sumatera Utara",
                       "Guangdong", "广东省", "province", "Guangdong", "agreement", "2002-03",
                       ("trade",)),
    sample_partnership("jawa-barat-guangxi", "Provinsi Jawa Barat", "province", "Jawa Barat",
                       "Guangxi", "广西壮族自治区", "province", "Guangxi", "mou", "2017-05",
                       ("trade",)),
    sample_partnership("bali-hainan", "Provinsi Bali", "province", "Bali",
                       "Hainan", "海南省", "province", "Hainan", "mou", "2015-08-01",
                       ("tourism",)),
    sample_partnership("semarang-nanjing", "Kota Semarang", "city", "Jawa Tengah",
                       "Nanjing", "南京市", "city", "Jiangsu", "mou", "2018-10-24",
                       ("tourism", "culture")),
    sample_partnership("kab-klaten-nanjing", "Kabupaten Klaten", "regency", "Jawa Tengah",
                       "Nanjing County", "南靖县", "county", "Fujian", "exploration", ""),
    sample_partnership("bandung-liuzhou", "Kota Bandung", "city", "Jawa Barat",
                       "Liuzhou", "柳州市", "city", "Guangxi", "agreement", "2005"),
    sample_partnership("medan-chengdu", "Kota Medan", "city", "Sumatera Utara",
                       "Chengdu", "成都市", "city", "Sichuan", "agreement", "2002-12-17",
                       ("trade", "culture")),
    sample_partnership("kab-tangerang-boxing", "Kabupaten Tangerang", "regency", "Banten",
                       "Boxing County", "博兴县", "county", "Shandong", "exploration", "2024-05"),
    sample_partnership("surabaya-xiamen", "Kota Surabaya", "city", "Jawa Timur",
                       "Xiamen", "厦门市", "city", "Fujian", "agreement", "2006",
                       ("trade",)),
    sample_partnership("surabaya-guangzhou", "Kota Surabaya", "city", "Jawa Timur",
                       "Guangzhou", "广州市", "city", "Guangdong", "agreement", ""),
)


# --- a mapped sample: places with coordinates, a fan-out, a hostile name, an unresolved place ---

XSS = "<img src=x onerror=alert(1)>"


def ref(country: str, name: str, level: str, province: str, zh: str = "") -> PlaceRef:
    """A place reference, its Chinese name last."""
    return PlaceRef(country, name, level, province, name_zh=zh)


SERANG = ref("ID", "Kota Serang", "city", "Banten")
HANGZHOU = ref("CN", "Hangzhou", "city", "Zhejiang", "杭州市")
JABAR = ref("ID", "Provinsi Jawa Barat", "province", "Jawa Barat")
GUANGXI = ref("CN", "Guangxi", "province", "Guangxi", "广西")
GUANGDONG = ref("CN", "Guangdong", "province", "Guangdong", "广东")
TANGERANG = ref("ID", "Kabupaten Tangerang", "regency", "Banten")
BINZHOU = ref("CN", "Binzhou", "city", "Shandong", "滨州市")
EVIL = ref("CN", "</script>" + XSS, "city", "Zhejiang", "<b>杭</b>")
NOWHERE = ref("CN", "Atlantis", "city", "Zhejiang")
COORDS = {SERANG: (-6.11528, 106.15417), HANGZHOU: (30.27415, 120.15515),
          JABAR: (-6.9147, 107.6098), GUANGXI: (22.817, 108.3665),
          GUANGDONG: (23.1291, 113.2644), TANGERANG: (-6.2, 106.48333),
          BINZHOU: (37.3835, 117.9707), EVIL: (29.0, 119.0)}


def partnership(pid: str, id_ref: PlaceRef, cn_ref: PlaceRef, stage: str = "mou", date: str = "2020",
                **extra) -> Partnership:
    """A partnership between two place references."""
    return Partnership(id=pid, id_name=id_ref.name, id_level=id_ref.level,
                       id_province=id_ref.province, cn_name=cn_ref.name,
                       cn_name_zh=cn_ref.name_zh, cn_level=cn_ref.level,
                       cn_province=cn_ref.province, stage=stage, date=date, **extra)


def sample() -> tuple[list[Partnership], dict[PlaceRef, Place]]:
    """Hand-built partnerships and places: fan-out at Jawa Barat, one hostile, one unresolved."""
    places = {r: Place(r, lat, lon, "gazetteer") for r, (lat, lon) in COORDS.items()}
    places[NOWHERE] = Place(NOWHERE, None, None, "unresolved")
    rows = [
        partnership("serang-hangzhou", SERANG, HANGZHOU, "loi", "2025-09-05", notes=XSS),
        partnership("jawa-barat-guangxi", JABAR, GUANGXI, "agreement", "2001"),
        partnership("jawa-barat-guangdong", JABAR, GUANGDONG, "exploration", "",
                    confidence="disputed"),
        partnership("kab-tangerang-binzhou", TANGERANG, BINZHOU, "loi", "2025-06"),
        partnership("serang-evil", SERANG, EVIL, "mou", "2019", notes=XSS),
        partnership("serang-atlantis", SERANG, NOWHERE, "mou", "2019"),
    ]
    return rows, places


# --- copies of the real dataset ------------------------------------------------------------------

def write_copy(folder: Path, broken: dict[int, tuple[str, str]],
               milestones: bool = True) -> tuple[Path, list[dict[str, str]]]:
    """The dataset with some rows broken (row index -> column, value); the file's path."""
    rows = list(csv.DictReader((DATA_DIR / "partnerships.csv").open(encoding="utf-8")))
    for index, (column, value) in broken.items():
        rows[index][column] = value
    path = folder / "partnerships.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    if milestones:
        shutil.copy(DATA_DIR / "milestones.csv", folder / "milestones.csv")
    return path, rows
