"""Great-circle arcs between partner places, bent apart where several share an endpoint.

Pure math on (lat, lon) pairs in degrees; no numpy. Outputs are GeoJSON-ordered [lon, lat]
lists rounded to a fixed precision, so the same point always serialises to the same text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

LatLon = tuple[float, float]
Vector = tuple[float, float, float]

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
KM_PER_POINT = 100.0
MIN_POINTS = 8
MAX_POINTS = 64
DIGITS = 3  # 0.001° is about 110 m: far below what a line on a country-scale map shows
BEND_STEP = 0.06  # sideways bulge per fan-out rank, as a fraction of the arc's length
MAX_BEND = 0.3  # the widest bulge; busy hubs share this range in smaller steps


def _unit(point: LatLon) -> Vector:
    lat, lon = (math.radians(value) for value in point)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _latlon(vector: Vector) -> LatLon:
    x, y, z = vector
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def _cross(a: Vector, b: Vector) -> Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _normalised(v: Vector) -> Vector:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)
    return (v[0] / length, v[1] / length, v[2] / length)


def central_angle(start: LatLon, end: LatLon) -> float:
    """The angle in radians between two points seen from the Earth's centre (haversine)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*start, *end))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def distance_km(start: LatLon, end: LatLon) -> float:
    """Great-circle distance on a spherical Earth, in kilometres."""
    return EARTH_RADIUS_KM * central_angle(start, end)


def initial_bearing(start: LatLon, end: LatLon) -> float:
    """Compass bearing in degrees [0, 360) of the great circle leaving `start` for `end`."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*start, *end))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360.0


def point_count(km: float, *, km_per_point: float = KM_PER_POINT) -> int:
    """How many points an arc of `km` needs to look smooth: about one per `km_per_point`."""
    return max(MIN_POINTS, min(MAX_POINTS, round(km / km_per_point) + 1))


def interpolate(start: LatLon, end: LatLon, t: float, *, bend: float = 0.0) -> LatLon:
    """The point a fraction `t` along the great circle (slerp), lifted sideways by `bend`.

    `bend` is the largest sideways offset as a fraction of the arc's own angle, reached at
    t = 0.5; positive bends go to the left of the direction of travel.
    """
    omega = central_angle(start, end)
    if omega < 1e-9 or math.pi - omega < 1e-6:  # same point, or antipodes: no unique circle
        return start if t < 0.5 else end
    a, b = _unit(start), _unit(end)
    normal = _normalised(_cross(a, b))
    wa, wb = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
    lift = math.tan(bend * omega * math.sin(math.pi * t))
    return _latlon(tuple(wa * a[k] + wb * b[k] + lift * normal[k] for k in range(3)))


def arc_points(start: LatLon, end: LatLon, *, bend: float = 0.0,
               km_per_point: float = KM_PER_POINT) -> list[LatLon]:
    """Points along the (bent) great circle from start to end, as many as its length needs."""
    count = point_count(distance_km(start, end), km_per_point=km_per_point)
    inner = [interpolate(start, end, i / (count - 1), bend=bend) for i in range(1, count - 1)]
    return [start, *inner, end]  # exact endpoints, whatever the rounding error


def arc_lonlats(start: LatLon, end: LatLon, *, bend: float = 0.0, digits: int = DIGITS,
                km_per_point: float = KM_PER_POINT) -> list[list[float]]:
    """The arc as GeoJSON LineString coordinates: [lon, lat] pairs rounded to `digits`."""
    coordinates: list[list[float]] = []
    for lat, lon in arc_points(start, end, bend=bend, km_per_point=km_per_point):
        pair = [round(lon, digits), round(lat, digits)]
        if not coordinates or coordinates[-1] != pair:
            coordinates.append(pair)
    if len(coordinates) == 1:
        coordinates.append(list(coordinates[0]))
    return coordinates


@dataclass(frozen=True)
class ArcEnds:
    """An arc as fan-out sees it: two endpoint keys and their positions."""

    start_key: str
    end_key: str
    start: LatLon
    end: LatLon


def _ranks_at(hub: str, members: list[int], arcs: Sequence[ArcEnds]) -> dict[int, int]:
    """Order the arcs meeting at `hub` by the direction they leave it in, then by position."""
    def direction(index: int) -> tuple[float, int]:
        arc = arcs[index]
        here, there = (arc.start, arc.end) if arc.start_key == hub else (arc.end, arc.start)
        return (round(initial_bearing(here, there), 1), index)

    return {index: rank for rank, index in enumerate(sorted(members, key=direction))}


def fan_out(arcs: Sequence[ArcEnds], *, step: float = BEND_STEP,
            widest: float = MAX_BEND) -> list[float]:
    """A distinct bend per arc so that arcs sharing an endpoint do not lie on one another.

    Each arc is ranked at its busier endpoint by leaving direction; ranks alternate sides
    with a growing bulge (+1, -1, +2, -2 steps), so neighbours in direction bend apart.
    """
    meeting: dict[str, list[int]] = defaultdict(list)
    for index, arc in enumerate(arcs):
        meeting[arc.start_key].append(index)
        if arc.end_key != arc.start_key:
            meeting[arc.end_key].append(index)
    ranks: dict[str, dict[int, int]] = {}
    bends = []
    for index, arc in enumerate(arcs):
        hub = max((arc.start_key, arc.end_key), key=lambda key: (len(meeting[key]), key))
        if hub not in ranks:
            ranks[hub] = _ranks_at(hub, meeting[hub], arcs)
        rank = ranks[hub][index]
        size = min(step, widest / math.ceil(len(meeting[hub]) / 2))
        bends.append(size * (rank // 2 + 1) * (1 if rank % 2 == 0 else -1))
    return bends
