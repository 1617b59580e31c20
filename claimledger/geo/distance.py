"""Great-circle distance (the pipeline's; the evaluation keeps the scorer's own constant in eval/common.py)."""

from __future__ import annotations

import math


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres (mean Earth radius 6,371 km)."""
    r = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * r / 2) ** 2
        + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    )
    return 12742 * math.asin(min(1.0, math.sqrt(a)))
