"""Public records of the sample: policies, universities and institutions.

Their counts per province and city follow the calibration (provinces.csv, named_cities.csv,
data_exchanges.csv and the national totals of years.toml); dates, issuers within a province and
names are drawn.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bdi.sample.calibration import FIRST_YEAR, LAST_YEAR, SYNTHETIC_MARK
from bdi.sample.columns import choose_text, date_array, ids, integer_array, take_text
from bdi.sample.context import Context
from bdi.sample.draws import (
    dates_in_years,
    draw_years,
    largest_remainder,
    stochastic_round,
    year_end,
    year_start,
)
from bdi.sample.topics import policy_topic_texts
from bdi.sample.units import pick_codes


class PublicRecords:
    """The policies, universities and institutions tables of a context."""

    def __init__(self, context: Context) -> None:
        self.rng, self.units, self.profile = context.rng, context.units, context.profile
        self.scale, self.cal = context.scale, context.calibration
        self.place_names = context.place_names

    def policies(self) -> pa.Table:
        rng, units, profile = self.rng["policies"], self.units, self.profile
        provinces, words = self.cal.provinces, self.cal.vocabulary
        weight = np.array([float(provinces[code]["policy"]) for code in units.province_codes])
        per_province = largest_remainder(
            weight, round(self.cal.policies_per_weight * weight.sum() * self.scale)
        )
        issuers, issuer_units = [], []
        for p, count in enumerate(per_province):
            if units.province_municipal[p]:
                # A municipality: the city government (its code) or one of its districts.
                city = np.flatnonzero((units.province == p) & (units.kind == "city"))[0]
                issuers.append(pick_codes(units, np.full(count, city), rng, own=0.45))
                issuer_units.append(np.full(count, city))
                continue
            members = np.flatnonzero((units.province == p) & (units.kind != "province"))
            at_province = rng.random(count) < self.cal.policy_province_share
            chosen = rng.choice(
                members, size=count, p=profile.policy[members] / profile.policy[members].sum()
            )
            codes = pick_codes(units, chosen, rng, own=0.8)
            issuers.append(np.where(at_province, units.province_codes[p], codes))
            own_unit = np.flatnonzero((units.province == p) & (units.kind == "province"))[0]
            issuer_units.append(np.where(at_province, own_unit, chosen))
        issuer, issuer_unit = np.concatenate(issuers), np.concatenate(issuer_units)
        n = len(issuer)
        issued = dates_in_years(draw_years(self.cal.year_weights["policies"], n, rng), rng)
        law = rng.random(n) < 0.15
        repealed = issued + rng.integers(400, 8 * 365, n).astype("timedelta64[D]")
        repealed[(rng.random(n) >= 0.12) | (repealed > self.cal.latest_end)] = np.datetime64("NaT")
        # Edge cases: repealed exactly on an as-of date; issued on one; on a 01-01.
        issued[0], repealed[0] = np.datetime64("2019-03-15"), np.datetime64("2023-12-31")
        issued[1], repealed[1] = np.datetime64("2024-12-31"), np.datetime64("NaT")
        issued[2], repealed[2] = np.datetime64("2020-01-01"), np.datetime64("2024-01-01")
        # Year on year: some of a unit's policies in force at the end of the last data year were
        # issued in it (the edge cases above stay as they are).
        yoy = self.rng["year_on_year_policies"]
        later = self._dated_into_last_year(issuer_unit, issued, yoy)
        later[:3] = False
        later &= np.isnat(repealed) | (repealed > year_end(LAST_YEAR))
        issued[later] = dates_in_years(np.full(later.sum(), LAST_YEAR), yoy)

        place = self.place_names(issuer)
        kind = np.where(
            law,
            rng.integers(0, len(words.law_kinds), n),
            len(words.law_kinds) + rng.integers(0, len(words.policy_kinds), n),
        )
        kinds = take_text((*words.law_kinds, *words.policy_kinds), kind)
        issued_years = issued.astype("datetime64[Y]").astype(np.int64) + 1970
        topic = policy_topic_texts(words.policy_topics, issued_years, rng)
        policy_title = pc.binary_join_element_wise(
            place, "关于", topic, "的", kinds, SYNTHETIC_MARK, ""
        )
        law_title = pc.binary_join_element_wise(place, kinds, SYNTHETIC_MARK, "")
        title = pc.if_else(pa.array(law), law_title, policy_title)
        order = np.lexsort((issuer, issued))
        return pa.table(
            {
                "policy_id": ids("P", n, 6),
                "title": title.take(pa.array(order)),
                "issuer_region_code": pa.array(issuer[order]),
                "issued_date": date_array(issued[order]),
                "repealed_date": date_array(repealed[order]),
                "policy_type": take_text(
                    ("industry_policy", "law_regulation"), law[order].astype(int)
                ),
            }
        )

    def _dated_into_last_year(
        self, unit: np.ndarray, start: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        """Which records that started before the last data year start in it instead, so that
        the unit's count before it is calibration/year_on_year.csv's environment factor times
        the national path (records that started earlier keep it with that probability)."""
        factor = self.profile.before_last_year["environment"][unit]
        return (rng.random(len(unit)) >= factor) & (start < year_start(LAST_YEAR))

    def universities(self) -> pa.Table:
        rng, units, words = self.rng["universities"], self.units, self.cal.vocabulary
        provinces, majors = self.cal.provinces, self.cal.cumulative["universities_with_major"]
        rows = [provinces[code] for code in units.province_codes]
        major = largest_remainder(
            [float(row["universities_major"]) for row in rows],
            round(majors[LAST_YEAR] * self.scale),
        )
        other_weights = [float(row["universities_other"]) for row in rows]
        other = largest_remainder(other_weights, round(sum(other_weights) * self.scale))
        unit_parts, major_parts = [], []
        for p in range(len(rows)):
            members = np.flatnonzero((units.province == p) & (units.kind != "province"))
            share = self.profile.university_share[members]
            by_size = np.sqrt(self.profile.enterprises[members] + 2.0)
            by_size[units.kind[members] == "county"] = 0.1
            by_size = np.where(np.isnan(share), by_size, 0.0)
            rest = max(1.0 - np.nansum(share), 0.0)
            if by_size.sum() > 0:
                by_size *= rest / by_size.sum()
            weights = np.where(np.isnan(share), by_size, share)
            for has_major, count in ((True, major[p]), (False, other[p])):
                per_unit = largest_remainder(weights, int(count))
                unit_parts.append(np.repeat(members, per_unit))
                major_parts.append(np.full(per_unit.sum(), has_major))
        unit, has_major = np.concatenate(unit_parts), np.concatenate(major_parts)
        # First enrolment by national quotas; 青海's come last (none there in 2020).
        since = np.full(len(unit), -1)
        with_major = np.flatnonzero(has_major)
        late = units.province_codes[units.province[unit[with_major]]] == "630000"
        order = np.lexsort((rng.random(len(with_major)), late))
        years = sorted(majors)
        bounds = [round(majors[year] * self.scale) for year in years]
        position = np.minimum(
            np.searchsorted(bounds, np.arange(len(with_major)), side="right"), len(years) - 1
        )
        since[with_major[order]] = np.array(years)[position]
        since[with_major[late]] = np.maximum(since[with_major[late]], 2021)
        region = pick_codes(units, unit, rng, own=0.15)
        name = pc.binary_join_element_wise(
            self.place_names(region),
            "第",
            pa.array(rng.integers(1, 30, len(unit))).cast(pa.string()),
            choose_text(words.university_kinds, len(unit), rng),
            SYNTHETIC_MARK,
            "",
        )
        order = np.lexsort((since, region))
        return pa.table(
            {
                "university_id": ids("U", len(unit), 5),
                "university_name": name.take(pa.array(order)),
                "region_code": pa.array(region[order]),
                "bigdata_major_since": integer_array(since[order], since[order] < 0),
            }
        )

    def institutions(self) -> pa.Table:
        rng, units, profile = self.rng["institutions"], self.units, self.profile
        provinces, words = self.cal.provinces, self.cal.vocabulary
        agency_cities = self.cal.cumulative["cities_with_agency"]
        never = np.datetime64("NaT")
        parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []  # code, type, start, end

        # Management agencies: which cities have one, and since when, follows years.toml's
        # cities_with_agency; cities with more than one get the others at district level, later.
        cities = np.flatnonzero(units.kind == "city")
        priority = np.log(profile.enterprises[cities] + 0.5) + rng.normal(0.0, 0.9, len(cities))
        priority -= 1.2 * np.isin(
            units.province_codes[units.province[cities]], self.cal.agency_laggards
        )
        priority[profile.agency[cities] > 1] += 100.0
        ranked = cities[np.argsort(-priority, kind="stable")]
        years = sorted(agency_cities)
        with_agency, without = (
            ranked[: agency_cities[LAST_YEAR]],
            ranked[agency_cities[LAST_YEAR] :],
        )
        first_year = np.array(years)[
            np.searchsorted(
                [agency_cities[y] for y in years], np.arange(len(with_agency)), side="right"
            )
        ]
        copies = stochastic_round(np.maximum(profile.agency[with_agency], 1) * self.scale, rng)
        rows = np.repeat(with_agency, copies)
        rank = np.arange(len(rows)) - np.repeat(np.cumsum(copies) - copies, copies)
        later = np.maximum(
            np.repeat(first_year, copies), rng.integers(FIRST_YEAR, LAST_YEAR + 1, len(rows))
        )
        start_year = np.where(rank == 0, np.repeat(first_year, copies), later)
        codes = np.where(rank == 0, units.code[rows], pick_codes(units, rows, rng, own=0.0))
        parts.append(
            (codes, "management_agency", dates_in_years(start_year, rng), np.full(len(rows), never))
        )
        # Predecessors, dissolved 2019–2024 (a few in cities that have none now).
        old = np.concatenate(
            (
                rng.choice(with_agency, round(30 * self.scale)),
                without[: max(1, round(3 * self.scale))],
            )
        )
        old_end = dates_in_years(rng.integers(2019, 2025, len(old)), rng)
        old_end[0] = np.datetime64("2021-12-31")  # edge case: dissolved on an as-of date
        parts.append(
            (
                units.code[old],
                "management_agency",
                dates_in_years(rng.integers(2014, 2019, len(old)), rng),
                old_end,
            )
        )
        # Province-level agencies (a municipality's is its city's).
        province_units = np.flatnonzero(units.kind == "province")
        rows = np.repeat(
            province_units, stochastic_round(np.full(len(province_units), self.scale), rng)
        )
        start = dates_in_years(
            draw_years(self.cal.year_weights["province_agencies"], len(rows), rng), rng
        )
        parts.append((units.code[rows], "management_agency", start, np.full(len(rows), never)))

        # Alliances and associations active at 2024-12-31 (a few wound up in 2025), plus some
        # dissolved before.
        active = stochastic_round(profile.alliance * self.scale, rng)
        province_level = np.zeros(len(units.code))
        province_level[province_units] = [
            float(provinces[code]["province_alliances"]) for code in units.code[province_units]
        ]
        active += stochastic_round(province_level * self.scale, rng)
        rows = np.repeat(np.arange(len(units.code)), active)
        start = dates_in_years(draw_years(self.cal.year_weights["alliances"], len(rows), rng), rng)
        yoy = self.rng["year_on_year_alliances"]
        later = self._dated_into_last_year(rows, start, yoy)
        start[later] = dates_in_years(np.full(later.sum(), LAST_YEAR), yoy)
        end = np.where(rng.random(len(rows)) < 0.04, np.datetime64("2025-02-28"), never)
        parts.append((pick_codes(units, rows, rng, own=0.7), "alliance", start, end))
        rows = rng.choice(rows, round(0.08 * len(rows)))
        start = dates_in_years(
            draw_years(self.cal.year_weights["dissolved_alliances"], len(rows), rng), rng
        )
        end = np.minimum(
            start + rng.integers(500, 2500, len(rows)).astype("timedelta64[D]"),
            np.datetime64("2024-12-30"),
        )
        parts.append((pick_codes(units, rows, rng, own=0.7), "alliance", start, end))

        # Data exchanges, as data_exchanges.csv lists them: active ones (a province's first
        # opened in the 2015–2018 wave, the others since 2020), then a few closed early ones.
        exchanges = self.cal.data_exchanges
        active = sorted(
            (row for row in exchanges if row["status"] != "closed"),
            key=lambda row: row["province_code"],
        )
        codes = [row["region_code"] for row in active]
        first = [row["status"] == "first" for row in active]
        copies = stochastic_round(np.full(len(codes), self.scale), rng)
        codes, first = np.repeat(np.array(codes), copies), np.repeat(np.array(first), copies)
        early = draw_years(self.cal.year_weights["first_exchanges"], len(codes), rng)
        late = draw_years(self.cal.year_weights["later_exchanges"], len(codes), rng)
        start = dates_in_years(np.where(first, early, late), rng)
        parts.append((codes, "data_exchange", start, np.full(len(codes), never)))
        closed = np.repeat(
            np.array([row["region_code"] for row in exchanges if row["status"] == "closed"]),
            max(1, round(self.scale)),
        )
        parts.append(
            (
                closed,
                "data_exchange",
                dates_in_years(rng.integers(2015, 2018, len(closed)), rng),
                dates_in_years(rng.integers(2019, 2023, len(closed)), rng),
            )
        )

        code = np.concatenate([part[0] for part in parts])
        kind = np.concatenate([np.full(len(part[0]), part[1]) for part in parts])
        start = np.concatenate([part[2] for part in parts])
        end = np.concatenate([part[3] for part in parts])
        vocabulary = [label for labels in words.institution_kinds.values() for label in labels]
        offsets = np.cumsum([0] + [len(labels) for labels in words.institution_kinds.values()])
        label = np.zeros(len(code), dtype=np.int64)
        for i, (name, labels) in enumerate(words.institution_kinds.items()):
            mask = kind == name
            label[mask] = offsets[i] + rng.integers(0, len(labels), mask.sum())
        name = pc.binary_join_element_wise(
            self.place_names(code),
            take_text(vocabulary, label),
            "（",
            pa.array(rng.integers(1, 99, len(code))).cast(pa.string()),
            "）" + SYNTHETIC_MARK,
            "",
        )
        order = np.lexsort((code, start, kind))
        return pa.table(
            {
                "institution_id": ids("I", len(code), 6),
                "institution_name": name.take(pa.array(order)),
                "region_code": pa.array(code[order]),
                "institution_type": pa.array(kind[order]),
                "established_date": date_array(start[order]),
                "dissolved_date": date_array(end[order]),
            }
        )
