"""An independent reference implementation of the index, in pandas and numpy.

Written from the repository's docs alone (docs/data-contract.md: reading raw files, region
resolution, indicator definitions; docs/methodology.md: normalisation, weights, scores, ranks,
tiers, circles), with no project code, so that tests can compare every number a build publishes
with numbers computed here, and so that the sample generator can be checked against the report's
rankings without building the warehouse.

- ``contract``: raw files -> the 18 raw indicator values (``read_raw_file``,
  ``indicator_values``, ``resolve_region_codes``);
- ``methodology``: normalisation, the five weighting methods with the common rules, scores,
  competition ranks, rank change, weight_in_total, value statistics (``compute_index_full``);
- ``outputs``: tiers (``region_tiers``: rank_cutoffs per level, or exact jenks by
  enumeration), circles (sum and mean), and ``compute_all``: every public table from raw values
  and the reference seeds;
- ``seeds``: the reference seeds.
"""

from .contract import (
    INDICATORS,
    RAW_TABLES,
    indicator_values,
    read_raw_file,
    resolve_region_codes,
)
from .methodology import (
    CONSTANT_TOLERANCE,
    RANK_DECIMALS,
    WEIGHTING_METHODS,
    IndexResult,
    child_weights,
    competition_ranks,
    compute_index,
    compute_index_full,
    method_raw_weights,
    normalize,
    ranking,
    value_statistics,
)
from .outputs import (
    DEFAULT_RANK_CUTOFFS,
    DIMENSIONS,
    IndexSettings,
    circles,
    compute_all,
    natural_breaks,
    region_tiers,
    tiers,
)
from .seeds import (
    REFERENCE_DIR,
    ReferenceData,
    load_reference_data,
    load_regions,
    load_tree,
)

__all__ = [
    "CONSTANT_TOLERANCE",
    "DEFAULT_RANK_CUTOFFS",
    "DIMENSIONS",
    "INDICATORS",
    "RANK_DECIMALS",
    "RAW_TABLES",
    "REFERENCE_DIR",
    "WEIGHTING_METHODS",
    "IndexResult",
    "IndexSettings",
    "ReferenceData",
    "child_weights",
    "circles",
    "competition_ranks",
    "compute_all",
    "compute_index",
    "compute_index_full",
    "indicator_values",
    "load_reference_data",
    "load_regions",
    "load_tree",
    "method_raw_weights",
    "natural_breaks",
    "normalize",
    "ranking",
    "read_raw_file",
    "region_tiers",
    "resolve_region_codes",
    "tiers",
    "value_statistics",
]
