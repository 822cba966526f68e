"""The benchmark: ``python -m bdi.bench`` (what ``make bench`` runs).

For the bundled sample and for each scale (1× = 400,000 enterprises, the order of China's
big-data enterprise population, as CSV; 10× as Parquet), it

1. generates the raw tables with ``python -m bdi.sample`` (SYNTHETIC data) into
   ``bench/data/raw_<n>_<format>/``, or reuses them while the generator is unchanged (data.py);
2. times ``python -m bdi.build`` (``make build``: every model and data test) three times and
   keeps the median, with its peak memory (builds.py, measure.py);
3. times the *floor*, the simplest direct DuckDB SQL that computes the 18 indicator values of
   docs/data-contract.md from the same raw files (floor.sql), three times, and checks that its
   rows equal the build's fct_indicator_values (floor.py);
4. times the later steps on the sample warehouse once they exist (analyses, report document:
   builds.LATER_STEPS) and the viewer's pages on the 1× warehouse (pages.py, bdi.bench_app);
5. writes docs/benchmark.md and bench/data/results.json and prints a summary (report.py).

Peak memory is read with ``os.wait4`` on the measured child: Linux reports the largest resident
set of that process and of every descendant it waited for. Time is wall-clock; CPU time
(user + system, all processes) is reported beside it because the machine may be shared.
"""
