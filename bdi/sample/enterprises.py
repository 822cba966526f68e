"""Enterprises: where and when each one exists, and the three tables drawn from that plan.

The plan fixes, per enterprise, its unit and registration code, its founding and deregistration
dates, the years it is listed, certified high-tech, has a website or is a unicorn, and its values
in 2024 terms (market cap, tech staff, valuation, patents, software copyrights). Per-unit totals
follow the unit's profile; which enterprise is listed, when it was founded, how many patents it
holds and so on stay random. enterprises, enterprise_annual (one data year at a time) and
financing_events are then written from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bdi.sample.calibration import (
    DATA_YEARS,
    DECIMALS,
    FIRST_FINANCING_YEAR,
    FIRST_YEAR,
    LAST_YEAR,
    NEVER,
    SYNTHETIC_MARK,
)
from bdi.sample.columns import (
    choose_text,
    date_array,
    ids,
    integer_array,
    number_array,
    take_text,
)
from bdi.sample.context import Context
from bdi.sample.draws import (
    draw_years,
    largest_remainder,
    random_dates,
    select_per_group,
    stochastic_round,
    year_end,
    year_of,
    year_start,
)
from bdi.sample.units import pick_codes


@dataclass
class EnterprisePlan:
    """Per-enterprise arrays: where, when, and the timelines behind the annual rows."""

    unit: np.ndarray
    region_code: np.ndarray
    established: np.ndarray  # datetime64[D]
    deregistered: np.ndarray  # datetime64[D], NaT if never
    founded_year: np.ndarray
    end_year: np.ndarray  # year of deregistration: the first year without an annual row
    listing_year: np.ndarray  # NEVER if never listed
    hitech_year: np.ndarray
    website_from: np.ndarray
    website_until: np.ndarray
    unicorn_years: np.ndarray  # bit y - FIRST_YEAR set in each unicorn year
    mcap_base: np.ndarray  # market cap in 2024 terms, 亿元
    staff_base: np.ndarray  # tech staff in 2024
    valuation_base: np.ndarray  # valuation in 2024 terms, 亿元
    patent_base: np.ndarray  # patents held at the end of 2024
    copyright_base: np.ndarray

    def exists(self, year: int) -> np.ndarray:
        """Enterprises with an annual row in ``year``: founded by then, not yet deregistered."""
        return (self.founded_year <= year) & (self.end_year > year)


class EnterpriseTables:
    """The enterprise plan of a context, and the tables written from it."""

    def __init__(self, context: Context) -> None:
        self.rng, self.units, self.profile = context.rng, context.units, context.profile
        self.n, self.scale, self.cal = context.n, context.scale, context.calibration
        self.plan = self._plan_enterprises()
        self.enterprise_ids = ids("E", self.n, 7)

    # -- enterprise plan -----------------------------------------------------------------------

    def _plan_enterprises(self) -> EnterprisePlan:
        rng, units, profile, n = self.rng["enterprises"], self.units, self.profile, self.n
        counts = largest_remainder(profile.enterprises, n)
        unit = np.repeat(np.arange(len(units.code)), counts)[rng.permutation(n)]
        founded = draw_years(self.cal.year_weights["founding"], n, rng)
        established = random_dates(
            year_start(founded), np.minimum(year_end(founded), self.cal.latest_founding), rng
        )
        # About one enterprise in nine is deregistered by the export date.
        lifetime = np.maximum(rng.exponential(40.0 * 365.0, n).astype(np.int64), 60)
        deregistered = established + lifetime.astype("timedelta64[D]")
        deregistered[deregistered > self.cal.latest_end] = np.datetime64("NaT")
        # Edge case: one deregistered exactly on an as-of date.
        candidates = np.flatnonzero(
            (year_of(deregistered) == 2023) & (established < np.datetime64("2022-01-01"))
        )
        if len(candidates):
            deregistered[candidates[0]] = np.datetime64("2022-12-31")
        founded_year = year_of(established)
        plan = EnterprisePlan(
            unit=unit,
            region_code=pick_codes(units, unit, rng, own=0.06),
            established=established,
            deregistered=deregistered,
            founded_year=founded_year,
            end_year=year_of(deregistered),
            **{
                field: np.zeros(0)
                for field in (
                    "listing_year",
                    "hitech_year",
                    "website_from",
                    "website_until",
                    "unicorn_years",
                    "mcap_base",
                    "staff_base",
                    "valuation_base",
                    "patent_base",
                    "copyright_base",
                )
            },
        )
        self._plan_timelines(plan)
        self._plan_values(plan)
        return plan

    def _plan_timelines(self, plan: EnterprisePlan) -> None:
        """Listing, high-tech certification, website and unicorn years."""
        profile, n = self.profile, self.n
        per_unit = np.bincount(plan.unit, minlength=len(self.units.code))
        age = np.clip(LAST_YEAR - plan.founded_year, 0, 30)

        # Listed by 2024: a number per unit fixed by the profile, older enterprises likelier.
        rng = self.rng["listing"]
        target = stochastic_round(per_unit * profile.listed, rng)
        eligible = plan.exists(LAST_YEAR) & (plan.founded_year <= LAST_YEAR - 2)
        listed = select_per_group(plan.unit, eligible, target, 1.0 + age, rng)
        drawn = np.minimum(draw_years(self.cal.year_weights["listing"], n, rng), LAST_YEAR)
        plan.listing_year = np.where(
            listed, np.clip(drawn, plan.founded_year + 1, LAST_YEAR), NEVER
        )

        rng = self.rng["hitech"]
        target = stochastic_round(per_unit * profile.hitech, rng)
        certified = select_per_group(
            plan.unit, plan.founded_year <= LAST_YEAR, target, 1.0 + age, rng
        )
        certified_year = np.maximum(
            draw_years(self.cal.year_weights["high_tech"], n, rng), plan.founded_year + 1
        )
        plan.hitech_year = np.where(certified, np.minimum(certified_year, LAST_YEAR), NEVER)

        rng = self.rng["website"]
        has_site = rng.random(n) < 0.78
        plan.website_from = np.where(has_site, plan.founded_year + (rng.random(n) < 0.3), NEVER)
        closes = has_site & (rng.random(n) < 0.05)
        plan.website_until = np.where(closes, rng.integers(FIRST_YEAR, LAST_YEAR + 1, n), NEVER)

        plan.unicorn_years = self._plan_unicorns(plan, listed)

    def _plan_unicorns(self, plan: EnterprisePlan, listed: np.ndarray) -> np.ndarray:
        """Unicorn years per enterprise (a bit mask), following unicorns.csv city by city."""
        rng = self.rng["unicorn"]
        spells = np.zeros(self.n, dtype=np.int64)
        alive = {year: plan.exists(year) for year in DATA_YEARS}
        for row in self.cal.unicorns:
            u2023, u2024 = int(row["unicorns_2023"]), int(row["unicorns_2024"])
            targets = {
                year: u2024 * share if u2023 else 0.0
                for year, share in self.cal.cycles["unicorns"].items()
            }
            targets |= {2023: float(u2023), 2024: float(u2024)}
            members = np.flatnonzero(
                (plan.unit == self.units.index_of(row["region_code"])) & ~listed
            )
            current = np.zeros(0, dtype=np.int64)
            was_unicorn = np.zeros(self.n, dtype=bool)
            for year in DATA_YEARS:
                target = int(stochastic_round(np.array([targets[year] * self.scale]), rng)[0])
                # Some leave (IPO abroad, down-round), the rest stay while they exist.
                stays = alive[year][current] & (rng.random(len(current)) > 0.1)
                current = current[stays]
                if len(current) > target:
                    current = np.sort(rng.choice(current, size=target, replace=False))
                candidates = members[
                    alive[year][members]
                    & ~was_unicorn[members]
                    & (plan.founded_year[members] < year)
                ]
                need = min(target - len(current), len(candidates))
                if need > 0:
                    current = np.sort(
                        np.concatenate((current, rng.choice(candidates, size=need, replace=False)))
                    )
                was_unicorn[current] = True
                spells[current] |= 1 << (year - FIRST_YEAR)
        return spells

    def _plan_values(self, plan: EnterprisePlan) -> None:
        """Market cap, tech staff, valuation, patents and copyrights in 2024 terms.

        Individual values are drawn, then rescaled per unit so that the unit's total follows
        its profile: little noise between cities, the heterogeneity stays within each city."""
        rng, profile, n = self.rng["amounts"], self.profile, self.n
        listed = plan.listing_year <= LAST_YEAR
        alive = plan.exists(LAST_YEAR)
        plan.mcap_base = self._unit_totals(
            plan, rng.lognormal(0.0, 1.1, n), listed, 45.0 * profile.mcap
        )
        weight = rng.lognormal(0.0, 0.9, n)
        drawn = np.round(self._unit_totals(plan, weight, listed, 600.0 * profile.mcap))
        targets = profile.staff * self.scale
        exact = np.zeros(n)
        for u in np.flatnonzero(targets > 0):
            index = np.flatnonzero(listed & (plan.unit == u))
            exact[index] = largest_remainder(weight[index], int(round(targets[u])))
        plan.staff_base = np.where(targets[plan.unit] > 0, exact, drawn)
        plan.patent_base = self._unit_totals(
            plan, rng.lognormal(0.0, 1.0, n), alive, 10.0 * profile.pat
        )
        plan.copyright_base = self._unit_totals(
            plan, rng.lognormal(0.0, 0.9, n), alive, 18.0 * profile.cr
        )
        # Valuations: the 2024 unicorns of a city share its target total; former ones are drawn.
        unicorn_2024 = (plan.unicorn_years >> (LAST_YEAR - FIRST_YEAR)) & 1 == 1
        per_unicorn = np.full(len(self.units.code), 120.0)
        for row in self.cal.unicorns:
            if float(row["valuation_2024"]) > 0:
                per_unicorn[self.units.index_of(row["region_code"])] = float(
                    row["valuation_2024"]
                ) / int(row["unicorns_2024"])
        weight = rng.lognormal(0.0, 0.9, n)
        base = self._unit_totals(plan, weight, unicorn_2024, per_unicorn)
        base = np.where(unicorn_2024, base, weight * 120.0)
        plan.valuation_base = np.where(plan.unicorn_years > 0, base, 0.0)

    def _unit_totals(
        self, plan: EnterprisePlan, weight: np.ndarray, members: np.ndarray, mean: np.ndarray
    ) -> np.ndarray:
        """Weights scaled so that each unit's members add up to count × mean[unit]."""
        n_units = len(self.units.code)
        sums = np.bincount(plan.unit[members], weights=weight[members], minlength=n_units)
        counts = np.bincount(plan.unit[members], minlength=n_units)
        factor = np.divide(counts * mean, sums, out=np.zeros(n_units), where=sums > 0)
        return weight * factor[plan.unit]

    # -- tables --------------------------------------------------------------------------------

    def enterprises(self) -> pa.Table:
        plan, rng, words = self.plan, self.rng["names"], self.cal.vocabulary
        name = pc.binary_join_element_wise(
            take_text(self.units.name, plan.unit),
            choose_text(words.brand_syllables, self.n, rng),
            choose_text(words.brand_syllables, self.n, rng),
            choose_text(words.enterprise_kinds, self.n, rng),
            "有限公司" + SYNTHETIC_MARK,
            "",
        )
        return pa.table(
            {
                "enterprise_id": self.enterprise_ids,
                "enterprise_name": name,
                "region_code": pa.array(plan.region_code),
                "established_date": date_array(plan.established),
                "deregistered_date": date_array(plan.deregistered),
            }
        )

    def enterprise_annual(self, year: int) -> pa.Table:
        """The enterprise_annual rows of one data year."""
        plan, rng, profile = self.plan, self.rng[f"year{year}"], self.profile
        index = np.flatnonzero(plan.exists(year))
        unit, size = plan.unit[index], len(index)
        bit = 1 << (year - FIRST_YEAR)
        is_listed = plan.listing_year[index] <= year
        is_unicorn = plan.unicorn_years[index] & bit > 0
        was_unicorn = plan.unicorn_years[index] & (bit - 1) > 0
        is_high_tech = plan.hitech_year[index] <= year
        has_website = (plan.website_from[index] <= year) & (plan.website_until[index] > year)
        # Gazelles: young, fast-growing and unlisted; drawn anew every year.
        age = year - plan.founded_year[index]
        young = (age >= 2) & (age <= 9) & ~is_listed
        eligible = np.bincount(unit[young], minlength=len(self.units.code))
        # Year on year (calibration/year_on_year.csv): before the last data year the unit's
        # industry level and innovation stand at a multiple of the national path.
        before = year < LAST_YEAR
        level = profile.before_last_year["level"] if before else np.ones(len(self.units.code))
        innovation = profile.before_last_year["innovation"][unit] if before else np.ones(size)
        target = stochastic_round(eligible * profile.gazelle * 2.2 * level, rng)
        is_gazelle = select_per_group(unit, young, target, np.ones(size), rng)

        noise = np.ones(size) if year == LAST_YEAR else rng.lognormal(0.0, 0.06, size)
        market_cap = (
            plan.mcap_base[index] * self.cal.cycles["market_cap"][year] * noise * level[unit]
        )
        market_cap[~is_listed | (rng.random(size) < 0.03)] = np.nan  # some listed ones empty
        valuation = plan.valuation_base[index] * self.cal.cycles["valuation"][year] * level[unit]
        keep = (is_unicorn & (rng.random(size) > 0.03)) | (
            was_unicorn & ~is_unicorn & (rng.random(size) < 0.5)  # not counted, but present
        )
        valuation[~keep] = np.nan
        staff = np.round(
            plan.staff_base[index]
            * self.cal.growth["tech_staff"] ** (year - LAST_YEAR)
            * noise
            * innovation
        )
        unlisted_staff = np.round(rng.lognormal(4.0, 1.0, size))  # present, not counted
        staff = np.where(is_listed, staff, np.where(rng.random(size) < 0.1, unlisted_staff, -1))
        patents = np.floor(
            plan.patent_base[index] * self.cal.growth["patents"] ** (year - LAST_YEAR) * innovation
        )
        copyrights = np.floor(
            plan.copyright_base[index]
            * self.cal.growth["software_copyrights"] ** (year - LAST_YEAR)
            * innovation
        )
        return pa.table(
            {
                "enterprise_id": self.enterprise_ids.take(pa.array(index)),
                "data_year": pa.array(np.full(size, year, dtype=np.int32)),
                "is_listed": pa.array(is_listed),
                "is_unicorn": pa.array(is_unicorn),
                "is_gazelle": pa.array(is_gazelle),
                "is_high_tech": pa.array(is_high_tech),
                "has_website": pa.array(has_website),
                "market_cap": number_array(market_cap, DECIMALS["market_cap"]),
                "valuation": number_array(valuation, DECIMALS["valuation"]),
                "tech_staff": integer_array(staff, staff < 0),
                "patents": integer_array(patents),
                "software_copyrights": integer_array(copyrights),
            }
        )

    def financing_events(self) -> pa.Table:
        plan, rng, profile = self.plan, self.rng["financing"], self.profile
        round_names, n_units = self.cal.vocabulary.rounds, len(self.units.code)
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for year in range(FIRST_FINANCING_YEAR, LAST_YEAR + 1):
            alive = np.flatnonzero(plan.exists(year))
            age = year - plan.founded_year[alive]
            youth = np.where(age <= 3, 1.6, np.where(age <= 8, 1.0, 0.45))
            rate = 0.11 * youth * profile.fin[plan.unit[alive]] * self.cal.cycles["financing"][year]
            rounds_of = np.repeat(alive, rng.poisson(rate))
            ipo = np.flatnonzero(plan.listing_year == year)  # IPO proceeds in the listing year
            who = np.concatenate((rounds_of, ipo))
            last_day = np.where(
                np.isnat(plan.deregistered[who]),
                year_end(year),
                plan.deregistered[who] - np.timedelta64(1, "D"),
            )
            dates = random_dates(
                np.maximum(year_start(year), plan.established[who]),
                np.minimum(year_end(year), last_day),
                rng,
            )
            amounts = np.concatenate(
                (
                    rng.lognormal(np.log(0.25), 1.0, len(rounds_of)),
                    rng.lognormal(np.log(6.0), 0.8, len(ipo)),
                )
            )
            stage = np.floor(
                (year - plan.founded_year[rounds_of]) / 1.5 + 2 * rng.random(len(rounds_of))
            ).astype(np.int64)
            rounds = np.concatenate(
                (np.minimum(stage, len(round_names) - 1), np.full(len(ipo), len(round_names)))
            )
            rounds[rng.random(len(who)) < 0.08] = -1  # round unknown
            # The total per unit and year follows the profile, with some noise.
            unit = plan.unit[who]
            expected = np.bincount(plan.unit[alive], weights=rate, minlength=n_units)
            target = expected * 0.45 * profile.fin * rng.lognormal(0.0, 0.12, n_units)
            if year < LAST_YEAR:  # year on year (calibration/year_on_year.csv)
                target *= profile.before_last_year["level"]
            target += 6.0 * np.bincount(plan.unit[ipo], minlength=n_units)
            sums = np.bincount(unit, weights=amounts, minlength=n_units)
            factor = np.divide(target, sums, out=np.zeros(n_units), where=sums > 0)
            parts.append((who, dates, np.maximum(amounts * factor[unit], 0.005), rounds))
        who, dates, amounts, rounds = (
            np.concatenate(column) for column in zip(*parts, strict=True)
        )
        order = np.lexsort((who, dates))
        return pa.table(
            {
                "event_id": ids("F", len(order), 8),
                "enterprise_id": self.enterprise_ids.take(pa.array(who[order])),
                "event_date": date_array(dates[order]),
                "amount": number_array(amounts[order], DECIMALS["amount"]),
                "round": take_text((*round_names, "IPO"), rounds[order], null=rounds[order] < 0),
            }
        )
