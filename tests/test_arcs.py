"""Great-circle geometry and fan-out, checked against independent formulas."""

from __future__ import annotations

import math

import pytest

from components.map.arcs import (DIGITS, MAX_POINTS, MIN_POINTS, ArcEnds, arc_lonlats, arc_points,
                             distance_km, fan_out, interpolate, point_count)

JAKARTA, BEIJING = (-6.2088, 106.8456), (39.9042, 116.4074)
SERANG, HANGZHOU = (-6.1153, 106.1542), (30.2741, 120.1551)
BANDUNG = (-6.9147, 107.6098)


def midpoint(start, end):
    """The great-circle midpoint by the classic closed formula (not slerp)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*start, *end))
    bx = math.cos(lat2) * math.cos(lon2 - lon1)
    by = math.cos(lat2) * math.sin(lon2 - lon1)
    lat = math.atan2(math.sin(lat1) + math.sin(lat2), math.hypot(math.cos(lat1) + bx, by))
    return math.degrees(lat), math.degrees(lon1 + math.atan2(by, math.cos(lat1) + bx))


@pytest.mark.parametrize("start, end, known", [
    ((0.0, 0.0), (0.0, 90.0), (0.0, 45.0)),        # along the equator
    ((0.0, 100.0), (40.0, 100.0), (20.0, 100.0)),  # along a meridian
    ((10.0, 0.0), (10.0, 180.0), (90.0, 0.0)),     # over the pole
    (JAKARTA, BEIJING, None),
    (SERANG, HANGZHOU, None),
    ((-33.87, 151.21), (51.51, -0.13), None),      # Sydney–London, long and oblique
])
def test_midpoint_matches_closed_formula(start, end, known):
    lat, lon = interpolate(start, end, 0.5)
    expected = known or midpoint(start, end)
    assert lat == pytest.approx(expected[0], abs=1e-6)
    if abs(expected[0]) < 89.9:
        assert lon == pytest.approx(expected[1], abs=1e-6)


@pytest.mark.parametrize("start, end", [(JAKARTA, BEIJING), (SERANG, HANGZHOU)])
def test_every_point_lies_on_the_great_circle_at_even_spacing(start, end):
    points = arc_points(start, end)
    total = distance_km(start, end)
    steps = [distance_km(a, b) for a, b in zip(points, points[1:])]
    assert sum(steps) == pytest.approx(total, rel=1e-9)  # no detour: on the geodesic
    assert max(steps) - min(steps) < 1e-6
    assert points[0] == start and points[-1] == end


@pytest.mark.parametrize("km, expected", [
    (0, MIN_POINTS), (300, MIN_POINTS), (1000, 11), (3500, 36), (5000, 51), (20000, MAX_POINTS),
])
def test_point_count_follows_length(km, expected):
    assert point_count(km) == expected


def test_lonlats_are_rounded_geojson_pairs_with_exact_endpoints():
    coordinates = arc_lonlats(JAKARTA, BEIJING, bend=0.1)
    assert coordinates[0] == [round(JAKARTA[1], DIGITS), round(JAKARTA[0], DIGITS)]
    assert coordinates[-1] == [round(BEIJING[1], DIGITS), round(BEIJING[0], DIGITS)]
    assert all(round(v, DIGITS) == v for pair in coordinates for v in pair)
    assert len(coordinates) == point_count(distance_km(JAKARTA, BEIJING))


@pytest.mark.parametrize("bend", [0.05, 0.1, -0.1, 0.3])
def test_bend_moves_the_middle_sideways_by_its_fraction_of_the_arc(bend):
    straight = interpolate(JAKARTA, BEIJING, 0.5)
    bent = interpolate(JAKARTA, BEIJING, 0.5, bend=bend)
    offset = distance_km(straight, bent)
    assert offset == pytest.approx(abs(bend) * distance_km(JAKARTA, BEIJING), rel=1e-6)
    # Travelling north from Jakarta, left is west: a positive bend moves the middle west.
    assert (bent[1] < straight[1]) == (bend > 0)


def test_degenerate_arcs_do_not_crash():
    assert arc_lonlats((1.0, 2.0), (1.0, 2.0)) == [[2.0, 1.0], [2.0, 1.0]]
    assert len(arc_lonlats((0.0, 0.0), (0.0, 180.0))) >= 2


def _ends(start_key, end_key, start, end):
    return ArcEnds(start_key, end_key, start, end)


def test_fan_out_gives_arcs_sharing_an_endpoint_distinct_bends():
    destinations = [(22.82, 108.37), (23.13, 113.26), (30.27, 120.15), (30.66, 104.07),
                    (45.75, 126.65)]
    arcs = [_ends("jawa-barat", f"cn{i}", BANDUNG, d) for i, d in enumerate(destinations)]
    bends = fan_out(arcs)
    assert len(set(bends)) == len(bends)
    assert all(b != 0 for b in bends)


@pytest.mark.parametrize("copies", [2, 3, 6])
def test_fanned_arcs_between_the_same_two_places_stay_apart(copies):
    arcs = [_ends("jawa-barat", "guangxi", BANDUNG, (22.82, 108.37)) for _ in range(copies)]
    middles = [interpolate(a.start, a.end, 0.5, bend=b) for a, b in zip(arcs, fan_out(arcs))]
    gaps = [distance_km(p, q) for i, p in enumerate(middles) for q in middles[i + 1:]]
    assert min(gaps) > 80  # km apart at the middle: two separate, clickable lines
    unfanned = [interpolate(a.start, a.end, 0.5) for a in arcs]
    assert distance_km(unfanned[0], unfanned[1]) < 1e-6  # without fan-out they would coincide


def test_fan_out_keeps_busy_hubs_within_the_widest_bend():
    arcs = [_ends("hub", f"x{i}", BANDUNG, (20 + i * 0.1, 110.0)) for i in range(40)]
    bends = fan_out(arcs)
    assert max(abs(b) for b in bends) <= 0.3 + 1e-9
    assert len(set(bends)) == len(bends)


def test_fan_out_is_deterministic_and_lone_arcs_bend_alike():
    arcs = [_ends("a", "b", JAKARTA, BEIJING), _ends("c", "d", SERANG, HANGZHOU)]
    assert fan_out(arcs) == fan_out(list(arcs))
    assert fan_out(arcs)[0] == fan_out(arcs)[1] > 0
