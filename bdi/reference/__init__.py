"""Reference data of the warehouse (real, not synthetic).

    python -m bdi.reference --out seeds/reference [--check-geojson]   # make reference

writes ``ref_regions.csv`` (regions.py), deterministically: the same packages and hand-made files
in, the same bytes out. The other reference seeds are data maintained by hand, each checked by
tests/python/test_reference.py: ``ref_indicator_tree.csv`` (the hierarchy of
docs/methodology.md §2), ``ref_circle_members.csv`` (the economic circles of docs/methodology.md
§8) and ``ref_expert_weights.csv`` (analysts' weights).
"""

from __future__ import annotations

from bdi.reference.regions import REGION_COLUMNS, Region, build_regions, check_geojson_coverage

__all__ = ["REGION_COLUMNS", "Region", "build_regions", "check_geojson_coverage"]
