#!/usr/bin/env python3
"""Golden fixtures for remit-promotion-bias, from scipy, statsmodels and lifelines.

Writes small promotion CSVs and the expected `promotion_audit --json` numbers under
crates/remit-promotion-bias/tests/fixtures/. CI does not run this script; it only reads
the committed files. Run it with the project venv:

    /work/venv/bin/python benches/reference/promotion_golden.py

Versions used: scipy 1.17.1, statsmodels 0.15.0, lifelines 0.30.3, pandas 2.3.3,
numpy 2.4.6.

Conventions (those of the example's JSON, see issue 4 and
docs/methodology/promotion-bias.md): comparisons are focal vs onsite; z is statsmodels
`proportions_ztest` (pooled, focal minus reference); Fisher is scipy two-sided;
adjusted p is Holm (`multipletests(method="holm")`) over the Fisher p-values; CMH is
statsmodels `StratifiedTable` by level over the informative strata (no zero margin),
tables [[focal promoted, focal not], [reference promoted, reference not]], no continuity
correction, Breslow-Day unadjusted; logistic is the work-mode term of
`promoted ~ C(work_mode, Treatment('onsite')) + performance + tenure_months + C(level)`
(statsmodels Logit, Newton), Wald 95% CI; median is lifelines KaplanMeierFitter
(null when never reached); chi-square is scipy chi2_contingency(correction=False) on work
mode x promoted; log-rank is lifelines multivariate_logrank_test across all modes.

Disclosure: remit releases every group through its disclosure engine (atom rule,
minimum 5; docs/methodology/privacy.md), work modes first, then the work mode x level
cells of the stratified analysis, each cut's cells largest first. A stratum enters a
comparison's CMH only when both its focal and its onsite cell were released; the
release rule is re-implemented below (`released_cells`) so the fixtures say which strata
remit may use, and `strata_withheld` counts the others.
"""

import json
import math
import pathlib

import numpy as np
import pandas as pd
import scipy
import statsmodels
import lifelines
import statsmodels.formula.api as smf
from lifelines import KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from scipy.stats import chi2_contingency, fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "crates" / "remit-promotion-bias" / "tests" / "fixtures"
MODES = ["onsite", "hybrid", "remote"]


def simulate(rng, sizes, level_mix, mode_logit, censor_prob, times, base=-0.6):
    """Rows with a logistic promotion outcome and discrete (tied) event times."""
    rows = []
    k = 0
    for mode, n in sizes.items():
        mix = level_mix[mode]
        for _ in range(n):
            k += 1
            level = int(rng.choice([1, 2, 3], p=mix))
            perf = int(np.clip(np.round(3 + rng.normal()), 1, 5))
            tenure = int(rng.integers(1, 120))
            eta = base + {1: 0.4, 2: 0.0, 3: -0.8}[level] + 0.5 * (perf - 3) + 0.004 * tenure
            eta += mode_logit[mode]
            promoted = rng.random() < 1 / (1 + math.exp(-eta))
            if promoted:
                t = int(rng.choice(times))
            else:
                # Censored: at the end of the window, or earlier when the person left.
                t = int(rng.choice(times)) if rng.random() < censor_prob else int(max(times))
            rows.append(
                {
                    "employee_id": f"E-{k:05d}",
                    "work_mode": mode,
                    "level": f"L{level}",
                    "department": ["Sales", "Engineering", "Support"][k % 3],
                    "performance": perf,
                    "tenure_months": tenure,
                    "promoted": int(promoted),
                    "months_to_event": t,
                    "gender": ["female", "male"][int(rng.random() < 0.5)],
                }
            )
    return pd.DataFrame(rows)


def datasets():
    rng = np.random.default_rng(20240601)
    mix = {"onsite": [0.5, 0.35, 0.15], "hybrid": [0.4, 0.4, 0.2], "remote": [0.25, 0.4, 0.35]}
    months = list(range(1, 25))
    out = {}
    out["baseline"] = simulate(
        rng, {"onsite": 300, "hybrid": 180, "remote": 120}, mix,
        {"onsite": 0.0, "hybrid": -0.15, "remote": -0.45}, 0.2, months,
    )
    out["small_focal"] = simulate(
        rng, {"onsite": 260, "hybrid": 140, "remote": 14}, mix,
        {"onsite": 0.0, "hybrid": -0.3, "remote": -0.6}, 0.2, months,
    )
    zero = simulate(
        rng, {"onsite": 240, "hybrid": 120, "remote": 90}, mix,
        {"onsite": 0.0, "hybrid": 0.0, "remote": -0.5}, 0.2, months,
    )
    # A zero cell: no remote employee at level L3 was promoted.
    mask = (zero.work_mode == "remote") & (zero.level == "L3")
    zero.loc[mask, "promoted"] = 0
    zero.loc[mask, "months_to_event"] = 24
    out["zero_cell"] = zero
    out["ties_censoring"] = simulate(
        rng, {"onsite": 220, "hybrid": 160, "remote": 140}, mix,
        {"onsite": 0.0, "hybrid": -0.2, "remote": -0.7}, 0.7, [3, 6, 9, 12], base=-1.3,
    )
    return out


K = 5


def released_cells(df):
    """The (work mode, level) cells the atom rule releases after the work-mode groups.

    Atoms: people in exactly the same released groups. A group is released only if,
    refined by it, every non-empty atom still holds at least K people; within a cut the
    largest cells go first (ties in the given order: work modes onsite, hybrid, remote,
    levels sorted).
    """
    atom = {}  # person -> atom id (absent: never released)
    sizes = {}
    next_id = [0]

    def release(members):
        if len(members) == 0:
            return True
        if len(members) < K:
            return False
        inside = {}
        fresh = 0
        for p in members:
            if p in atom:
                inside[atom[p]] = inside.get(atom[p], 0) + 1
            else:
                fresh += 1
        if 0 < fresh < K:
            return False
        for a, c in inside.items():
            if c < K or 0 < sizes[a] - c < K:
                return False
        moved = {}
        for a, c in inside.items():
            if c == sizes[a]:
                moved[a] = a
            else:
                moved[a] = next_id[0]
                sizes[next_id[0]] = c
                sizes[a] -= c
                next_id[0] += 1
        new_atom = None
        for p in members:
            if p in atom:
                atom[p] = moved[atom[p]]
            else:
                if new_atom is None:
                    new_atom = next_id[0]
                    sizes[new_atom] = 0
                    next_id[0] += 1
                sizes[new_atom] += 1
                atom[p] = new_atom
        return True

    def release_cells(cells):
        order = sorted(range(len(cells)), key=lambda i: -len(cells[i][1]))
        granted = {}
        for i in order:
            granted[cells[i][0]] = release(cells[i][1])
        return granted

    modes = [(m, list(df.index[df.work_mode == m])) for m in MODES]
    released_modes = release_cells(modes)
    levels = sorted(df.level.unique())
    cells = [
        ((m, lv), list(df.index[(df.work_mode == m) & (df.level == lv)]))
        for m in MODES
        if released_modes[m]
        for lv in levels
    ]
    return release_cells(cells)


def num(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


def analyse(df):
    counts = {m: (int((df.work_mode == m).sum()), int(df.promoted[df.work_mode == m].sum())) for m in MODES}
    present = [m for m in MODES if counts[m][0] > 0]
    groups = [
        {"work_mode": m, "n": counts[m][0], "promoted": counts[m][1], "rate": counts[m][1] / counts[m][0]}
        for m in present
    ]
    logit = smf.logit(
        "promoted ~ C(work_mode, Treatment('onsite')) + performance + tenure_months + C(level)", df
    ).fit(method="newton", maxiter=100, tol=1e-12, disp=False)
    ci = logit.conf_int(alpha=0.05)
    levels = sorted(df.level.unique())
    released = released_cells(df)
    comparisons = []
    for focal in [m for m in present if m != "onsite"]:
        nf, xf = counts[focal]
        nr, xr = counts["onsite"]
        z, zp = proportions_ztest([xf, xr], [nf, nr])
        fisher = fisher_exact([[xf, nf - xf], [xr, nr - xr]]).pvalue
        tables = []
        withheld = 0
        for lv in levels:
            if not (released[(focal, lv)] and released[("onsite", lv)]):
                withheld += 1
                continue
            f = df[(df.work_mode == focal) & (df.level == lv)]
            r = df[(df.work_mode == "onsite") & (df.level == lv)]
            t = np.array([[f.promoted.sum(), len(f) - f.promoted.sum()],
                          [r.promoted.sum(), len(r) - r.promoted.sum()]], dtype=float)
            if t.sum(axis=0).min() > 0 and t.sum(axis=1).min() > 0:
                tables.append(t)
        st = StratifiedTable(np.dstack(tables))
        cmh = st.test_null_odds(correction=False)
        term = f"C(work_mode, Treatment('onsite'))[T.{focal}]"
        km = KaplanMeierFitter().fit(df.months_to_event[df.work_mode == focal], df.promoted[df.work_mode == focal])
        comparisons.append(
            {
                "work_mode": focal,
                "impact_ratio": (xf / nf) / (xr / nr),
                "rate_difference": xf / nf - xr / nr,
                "z_statistic": float(z),
                "z_p_value": float(zp),
                "fisher_p_value": float(fisher),
                "cmh": {
                    "statistic": float(cmh.statistic),
                    "p_value": float(cmh.pvalue),
                    "common_odds_ratio": float(st.oddsratio_pooled),
                    # NaN (null) with a single stratum: no test of equal odds.
                    "breslow_day_p_value": num(st.test_equal_odds(adjust=False).pvalue),
                    "strata_used": len(tables),
                    "strata_withheld": withheld,
                },
                "logistic": {
                    "odds_ratio": math.exp(logit.params[term]),
                    "ci_low": math.exp(ci.loc[term, 0]),
                    "ci_high": math.exp(ci.loc[term, 1]),
                    "p_value": float(logit.pvalues[term]),
                },
                "median_months_to_promotion": num(km.median_survival_time_),
            }
        )
    adjusted = multipletests([c["fisher_p_value"] for c in comparisons], method="holm")[1]
    for c, a in zip(comparisons, adjusted):
        c["adjusted_p_value"] = float(a)
    chi = chi2_contingency(
        np.array([[counts[m][1], counts[m][0] - counts[m][1]] for m in present]), correction=False
    )
    lr = multivariate_logrank_test(df.months_to_event, df.work_mode, df.promoted)
    return {
        "n": int(len(df)),
        "reference_group": "onsite",
        "groups": groups,
        "comparisons": comparisons,
        "chi_square": {"statistic": float(chi.statistic), "df": int(chi.dof), "p_value": float(chi.pvalue)},
        "logrank": {"statistic": float(lr.test_statistic), "df": int(lr.degrees_of_freedom), "p_value": float(lr.p_value)},
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    for name, df in datasets().items():
        expected = analyse(df)
        # Any column order: shuffle the columns of every file except the baseline.
        cols = list(df.columns)
        if name != "baseline":
            rng.shuffle(cols)
        df[cols].to_csv(OUT / f"promotion_{name}.csv", index=False)
        expected["_generated_by"] = (
            f"benches/reference/promotion_golden.py (scipy {scipy.__version__}, "
            f"statsmodels {statsmodels.__version__}, lifelines {lifelines.__version__})"
        )
        (OUT / f"promotion_{name}.json").write_text(json.dumps(expected, indent=2) + "\n")
        print(name, len(df), "rows")


if __name__ == "__main__":
    main()
