#!/usr/bin/env python3
"""Golden fixtures for remit-stats, computed with the reference libraries.

Run from the repository root inside the reference virtual environment:

    python3 -m venv /work/venv
    /work/venv/bin/pip install -r benches/reference/requirements.txt
    /work/venv/bin/python benches/reference/stats_golden.py

It writes one JSON file per family to crates/remit-stats/tests/fixtures/.
CI never runs Python; the Rust tests read the committed JSON. Every expected
value below comes from scipy, statsmodels, lifelines or firthmodels (the
reference functions are named next to each family). The only arithmetic done
here is input generation and, for the minimum detectable ratio, a root search
over statsmodels' own power function.
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    power_proportions_2indep,
    proportions_ztest,
)
from scipy.optimize import brentq

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "remit-stats", "tests", "fixtures")
rng = np.random.default_rng(20261122)


def num(x):
    """JSON has no inf/nan: encode them as strings the Rust side understands."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def write(name, cases, reference):
    meta = {
        "family": name,
        "reference": reference,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "cases": cases,
    }
    try:
        import lifelines

        meta["versions"]["lifelines"] = lifelines.__version__
    except ImportError:
        pass
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    print(f"{name}: {len(cases)} cases")


# ---------------------------------------------------------------- fisher
def fisher():
    tables = [
        [[8, 2], [1, 5]],
        [[0, 5], [5, 0]],
        [[0, 0], [3, 4]],  # zero row
        [[3, 0], [4, 0]],  # zero column
        [[1, 0], [0, 1]],
        [[0, 1], [1, 0]],
        [[5, 5], [5, 5]],
        [[10, 0], [0, 10]],
        [[2, 7], [8, 2]],
        [[1, 9], [11, 3]],
        [[0, 10], [0, 10]],
        [[100, 200], [150, 140]],
        [[1000, 2000], [1100, 1900]],
        # margins over 10^6
        [[1_200_000, 800_000], [1_180_000, 820_000]],
        [[500_000, 1_500_000], [505_000, 1_495_000]],
        [[3, 2_000_000], [15, 1_999_990]],
        [[1_000_000, 1_000_000], [1_000_000, 1_000_000]],
        [[2_500_000, 10], [2_499_990, 25]],
    ]
    for _ in range(22):
        n = int(rng.integers(2, 60))
        cells = rng.multinomial(n, rng.dirichlet([1, 1, 1, 1]))
        tables.append([[int(cells[0]), int(cells[1])], [int(cells[2]), int(cells[3])]])
    for _ in range(6):
        r1 = int(rng.integers(10**6, 3 * 10**6))
        r2 = int(rng.integers(10**6, 3 * 10**6))
        p = rng.uniform(0.05, 0.5)
        a = int(rng.binomial(r1, p))
        c = int(rng.binomial(r2, p * rng.uniform(0.995, 1.005)))
        tables.append([[a, r1 - a], [c, r2 - c]])
    cases = []
    for t in tables:
        out = {"table": t}
        for alt in ["two-sided", "less", "greater"]:
            r = st.fisher_exact(t, alternative=alt)
            out[alt] = {"odds_ratio": num(r.statistic), "p_value": num(r.pvalue)}
        cases.append(out)
    write("fisher", cases, "scipy.stats.fisher_exact")


# ---------------------------------------------------------------- chi-square
def chi2():
    tables = [
        [[10, 20], [30, 40]],
        [[1, 0], [0, 1]],
        [[0, 5], [5, 0]],
        [[10, 10], [10, 10]],
        [[10, 20, 30], [20, 20, 10]],
        [[5, 0, 3], [2, 4, 0], [0, 1, 7]],
        [[1, 2, 3, 4, 5]],
        [[100, 1], [99, 2]],
        [[12, 0], [0, 3]],
        [[3, 4], [4, 3]],  # |O - E| = 0.5 exactly: Yates moves it onto E
        [[50, 50], [50, 51]],  # |O - E| < 0.5
    ]
    for _ in range(25):
        r = int(rng.integers(2, 5))
        c = int(rng.integers(2, 5))
        t = rng.integers(1, 60, size=(r, c))
        tables.append(t.tolist())
    cases = []
    for t in tables:
        out = {"table": t}
        for corr in [True, False]:
            res = st.chi2_contingency(np.array(t), correction=corr)
            out["yates" if corr else "plain"] = {
                "statistic": num(res.statistic),
                "p_value": num(res.pvalue),
                "df": int(res.dof),
            }
        cases.append(out)
    # zero margin: scipy raises
    cases.append({"table": [[0, 0], [3, 4]], "error": True})
    write("chi2", cases, "scipy.stats.chi2_contingency")


# ---------------------------------------------------------------- proportions
def proportions():
    groups = [
        (30, 200, 60, 250),
        (1, 10, 9, 10),
        (0, 10, 5, 10),
        (10, 10, 5, 10),
        (1, 2, 1, 3),
        (500_000, 1_000_000, 510_000, 1_000_000),
        (7, 50, 7, 50),
    ]
    for _ in range(30):
        n1 = int(rng.integers(2, 5000))
        n2 = int(rng.integers(2, 5000))
        x1 = int(rng.binomial(n1, rng.uniform(0.02, 0.9)))
        x2 = int(rng.binomial(n2, rng.uniform(0.02, 0.9)))
        groups.append((x1, n1, x2, n2))
    cases = []
    for x1, n1, x2, n2 in groups:
        out = {"x1": x1, "n1": n1, "x2": x2, "n2": n2}
        for alt, name in [("two-sided", "two-sided"), ("larger", "greater"), ("smaller", "less")]:
            z, p = proportions_ztest([x1, x2], [n1, n2], alternative=alt)
            out[name] = {"statistic": num(z), "p_value": num(p)}
        if x1 > 0 and x2 > 0:
            for conf in [0.95, 0.9]:
                lo, hi = confint_proportions_2indep(
                    x1, n1, x2, n2, method="log", compare="ratio", alpha=1 - conf
                )
                out[f"ratio_{conf}"] = {"ratio": (x1 / n1) / (x2 / n2), "lower": num(lo), "upper": num(hi)}
        cases.append(out)
    write("proportions", cases, "statsmodels proportions_ztest, confint_proportions_2indep(method='log', compare='ratio')")


def power_cases():
    cases = []
    specs = [(200, 1000, 0.2, 0.8, 0.05), (50, 50, 0.5, 0.8, 0.05), (1000, 1000, 0.1, 0.9, 0.01)]
    for _ in range(30):
        specs.append(
            (
                int(rng.integers(20, 20000)),
                int(rng.integers(20, 20000)),
                float(rng.uniform(0.05, 0.9)),
                float(rng.choice([0.8, 0.9])),
                float(rng.choice([0.05, 0.01])),
            )
        )
    for n1, n2, p2, power, alpha in specs:
        def pw(r):
            return power_proportions_2indep(
                r * p2 - p2, p2, n1, ratio=n2 / n1, alpha=alpha, return_results=False
            )
        # power at a few points, straight from statsmodels
        points = []
        for r in [0.3, 0.6, 0.9, 0.97]:
            points.append({"ratio": r, "power": num(pw(r))})
        if pw(1e-12) >= power:
            mdr = brentq(lambda r: pw(r) - power, 1e-12, 1 - 1e-12, xtol=1e-14, rtol=1e-15)
        else:
            mdr = None
        cases.append({"n1": n1, "n2": n2, "p2": p2, "power": power, "alpha": alpha, "points": points, "mdr": mdr})
    write("power", cases, "statsmodels power_proportions_2indep (MDR by brentq over it)")


# ---------------------------------------------------------------- multiple testing
def multiple():
    sets = [
        [0.01, 0.04, 0.03],
        [0.5],
        [0.0, 1.0],
        [0.01, 0.01, 0.01],
        [1.0, 1.0, 0.99],
        [1e-300, 0.5, 0.2],
    ]
    for _ in range(30):
        m = int(rng.integers(1, 40))
        p = rng.uniform(0, 1, m) ** rng.uniform(0.5, 4)
        if rng.uniform() < 0.3:
            p[: m // 2] = p[0]  # ties
        sets.append(p.tolist())
    cases = []
    for p in sets:
        holm = multipletests(p, method="holm")[1]
        bh = multipletests(p, method="fdr_bh")[1]
        cases.append({"p": p, "holm": [num(v) for v in holm], "bh": [num(v) for v in bh]})
    write("multitest", cases, "statsmodels.stats.multitest.multipletests holm / fdr_bh")


# ---------------------------------------------------------------- stratified
def stratified():
    sets = [
        [[[10, 20], [5, 25]], [[12, 18], [6, 24]], [[8, 22], [4, 26]]],
        # a stratum with an empty row, one with an empty column, one too small
        [[[10, 20], [5, 25]], [[0, 0], [3, 7]], [[12, 18], [6, 24]], [[4, 0], [6, 0]], [[1, 0], [0, 0]]],
        # zero cells inside informative strata
        [[[0, 5], [3, 2]], [[4, 1], [0, 6]], [[2, 2], [2, 2]]],
        # identical odds ratios: Breslow-Day near 0
        [[[10, 10], [10, 10]], [[20, 20], [20, 20]]],
        # single informative stratum
        [[[7, 3], [2, 8]]],
        # heterogeneous odds
        [[[20, 5], [5, 20]], [[5, 20], [20, 5]], [[10, 10], [10, 10]]],
    ]
    for _ in range(30):
        k = int(rng.integers(2, 9))
        tabs = []
        common = rng.uniform(0.3, 3.0)
        for _ in range(k):
            n1 = int(rng.integers(1, 200))
            n2 = int(rng.integers(1, 200))
            p2 = rng.uniform(0.05, 0.6)
            o2 = p2 / (1 - p2) * common * rng.uniform(0.8, 1.25)
            p1 = o2 / (1 + o2)
            a = int(rng.binomial(n1, p1))
            c = int(rng.binomial(n2, p2))
            tabs.append([[a, n1 - a], [c, n2 - c]])
        if rng.uniform() < 0.2:
            tabs.append([[0, 0], [int(rng.integers(1, 9)), int(rng.integers(1, 9))]])
        sets.append(tabs)
    cases = []
    for tabs in sets:
        keep = []
        for t in tabs:
            a, b = t[0]
            c, d = t[1]
            if min(a + b, c + d, a + c, b + d) > 0 and a + b + c + d >= 2:
                keep.append(t)
        arr = np.array(keep, dtype=float).transpose(1, 2, 0)  # 2 x 2 x K
        s = StratifiedTable(arr)
        out = {"tables": tabs, "used": len(keep)}
        for corr in [True, False]:
            r = s.test_null_odds(correction=corr)
            out["cmh_corrected" if corr else "cmh"] = {"statistic": num(r.statistic), "p_value": num(r.pvalue)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lo, hi = s.oddsratio_pooled_confint(alpha=0.05)
            out["mh"] = {
                "odds_ratio": num(s.oddsratio_pooled),
                "log_se": num(s.logodds_pooled_se),
                "lower": num(lo),
                "upper": num(hi),
            }
            for adj in [False, True]:
                r = s.test_equal_odds(adjust=adj)
                out["tarone" if adj else "breslow_day"] = {"statistic": num(r.statistic), "p_value": num(r.pvalue)}
        cases.append(out)
    write("stratified", cases, "statsmodels.stats.contingency_tables.StratifiedTable (informative strata)")


FAMILIES = {
    "fisher": fisher,
    "chi2": chi2,
    "proportions": proportions,
    "power": power_cases,
    "multitest": multiple,
    "stratified": stratified,
}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(FAMILIES)
    for index, name in enumerate(FAMILIES):
        if name in wanted:
            # Each family has its own seeded stream, so regenerating one family
            # leaves the others' inputs unchanged.
            rng = np.random.default_rng([20261122, index])
            FAMILIES[name]()
