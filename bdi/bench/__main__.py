"""``python -m bdi.bench`` (``make bench``); ``--floor-worker`` is the floor's own process."""

from __future__ import annotations

import sys
from pathlib import Path

from bdi.bench.floor import floor_worker
from bdi.bench.runner import main

if __name__ == "__main__":
    argv = sys.argv[1:]
    if argv[:1] == ["--floor-worker"]:
        sys.exit(floor_worker(Path(argv[1]), Path(argv[2]), Path(argv[3])))
    sys.exit(main(argv))
