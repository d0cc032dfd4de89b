"""Coordinates: the shipped table (kg.geo), the GeoSPARQL points in the exports, diffusion over time."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg import geo
from kg.geo import Point, point

ROOT = Path(__file__).resolve().parent.parent


def test_table_is_compact_sorted_and_in_china():
    path = ROOT / "data" / "geo" / "points.csv"
    assert path.stat().st_size < 1_000_000
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) > 3000
    for r in rows:
        assert 73 < float(r["lon"]) < 136 and 3 < float(r["lat"]) < 54, r


def test_point_levels_and_fallbacks():
    county = point("330683")
    assert county == Point(county.lon, county.lat, False) and abs(county.lon - 120.83) < 0.05
    assert point("330683101000") == Point(county.lon, county.lat, True)       # a township: its county's
    assert point("330683101") == Point(county.lon, county.lat, True)
    assert point("330683000000") == county
    zone = point("330371")                                                    # 温州经济技术开发区
    city = point("330300")
    assert zone == Point(city.lon, city.lat, True)
    for bad in ("", "abc", "12345", "3306831", None, "990000"):
        assert point(bad) is None


def test_county_points_are_counties_only():
    rows = geo.county_points()
    assert rows == sorted(rows) and len(rows) > 2500
    assert not any(code.endswith("00") for code, *_ in rows)
    assert ("330683", "嵊州市") == next(r[:2] for r in rows if r[0] == "330683")


def test_missing_table_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_DATA_DIR", str(tmp_path))
    geo._table.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="coordinate table .* cannot be read"):
            point("330683")
    finally:
        monkeypatch.undo()
        geo._table.cache_clear()
