"""Plain geometry on WGS84 coordinates at city scale: no GIS server, no database extension.

Over a city a few kilometres wide, an equirectangular projection around the city's latitude (x = R·λ·cos φ0,
y = R·φ) keeps distances within a few parts per thousand of the great-circle distance: good enough to say
"350 m away" and to rank places, and it turns nearest-neighbour search into a plain Euclidean problem.
"""

import math

import numpy as np
import shapely
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


def project(lats, lons, lat0: float) -> np.ndarray:
    """Project degrees to metres on the plane tangent at latitude lat0: an (n, 2) array of (x, y)."""
    lats = np.radians(np.asarray(lats, dtype=float))
    lons = np.radians(np.asarray(lons, dtype=float))
    return np.column_stack((EARTH_RADIUS_M * lons * math.cos(math.radians(lat0)), EARTH_RADIUS_M * lats))


def great_circle_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in metres: the reference the projection is checked against."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _in_metres(geometry: BaseGeometry, lat0: float) -> BaseGeometry:
    scale_x = EARTH_RADIUS_M * math.cos(math.radians(lat0)) * math.pi / 180
    scale_y = EARTH_RADIUS_M * math.pi / 180
    return shapely.transform(geometry, lambda coordinates: coordinates * np.array([scale_x, scale_y]))


def area_m2(geometry: BaseGeometry) -> float:
    """Area of a lon/lat polygon in square metres (projected around its own centroid)."""
    return _in_metres(geometry, geometry.centroid.y).area


def distance_to_m(geometry: BaseGeometry, lat: float, lon: float) -> float:
    """Distance in metres from a point to a lon/lat geometry (0 inside it)."""
    return _in_metres(geometry, lat).distance(_in_metres(Point(lon, lat), lat))


def simplified_together(geometries: list[dict], tolerance: float, digits: int = 5) -> list[dict]:
    """Lighter copies of GeoJSON polygons that tile an area (a city's districts), to draw, not to measure.

    Each border is simplified once, for both polygons on its sides (Douglas-Peucker, ``tolerance`` in
    degrees, no ring crossing itself): simplified one by one, neighbours would no longer meet, and thin
    slivers would show between them at street zoom. The rest is rounded to ``digits`` decimals (5: about a
    metre). A polygon that cannot be rebuilt from the simplified borders (the polygons overlap, or two
    borders now cross) is simplified on its own.
    """
    polygons = [shape(geometry) for geometry in geometries]
    borders = shapely.line_merge(shapely.union_all([polygon.boundary for polygon in polygons]))
    simple_borders = [
        border.simplify(tolerance, preserve_topology=True) for border in shapely.get_parts(borders)
    ]
    faces = shapely.get_parts(shapely.polygonize(simple_borders))
    lighter = []
    for polygon in polygons:
        rebuilt = shapely.union_all([face for face in faces if polygon.contains(face.representative_point())])
        if rebuilt.is_empty or abs(rebuilt.area - polygon.area) > polygon.area * 0.01:
            rebuilt = polygon.simplify(tolerance, preserve_topology=True)
        rounded = shapely.transform(rebuilt, lambda coordinates: np.round(coordinates, digits))
        # Outer rings anticlockwise, as RFC 7946 asks: polygonize gives them clockwise.
        lighter.append(mapping(shapely.orient_polygons(shapely.remove_repeated_points(rounded))))
    return lighter
