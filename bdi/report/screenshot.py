"""docs/report-pages.png: pages of a report PDF side by side (poppler's pdftoppm draws them).

python -m bdi.report.screenshot reports/bdi-report-2025.pdf 1 7 docs/report-pages.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

DPI = 80
MARGIN = 24


def pages_image(pdf: Path, pages: list[int], out: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        images = []
        for page in pages:
            prefix = Path(work, f"page{page}")
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(DPI),
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                ]
                + [str(pdf), str(prefix)],
                check=True,
            )
            image = Image.open(prefix.with_suffix(".png")).convert("RGB")
            images.append(ImageOps.expand(image, border=1, fill="#999999"))
    width = sum(image.width for image in images) + MARGIN * (len(images) + 1)
    height = max(image.height for image in images) + 2 * MARGIN
    sheet = Image.new("RGB", (width, height), "#e8e8e8")
    x = MARGIN
    for image in images:
        sheet.paste(image, (x, MARGIN))
        x += image.width + MARGIN
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    *numbers, target = sys.argv[2:]
    pages_image(Path(sys.argv[1]), [int(number) for number in numbers], Path(target))
