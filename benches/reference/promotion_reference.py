#!/usr/bin/env python3
"""The promotion_audit analysis done the usual Python way, for the side-by-side benchmark.

    python promotion_reference.py generate N OUT.csv   # write a synthetic CSV
    python promotion_reference.py FILE.csv             # analyse it, print JSON

The analysis mirrors `promotion_audit --json` (see promotion_golden.py for the
conventions): pandas for reading and grouping; statsmodels for the z test, the
stratified CMH / Mantel-Haenszel / Breslow-Day, Holm, the logistic regression and the
minimum detectable effect; scipy for Fisher, chi-square and Mann-Whitney; lifelines for
Kaplan-Meier medians and the log-rank test; and the gender x work-mode cut.
"""

import json
import math
import sys

import numpy as np
import pandas as pd


def generate(n, path):
    rng = np.random.default_rng(20240601)
    mode = rng.choice(["onsite", "hybrid", "remote"], size=n, p=[0.35, 0.35, 0.30])
    level = rng.choice([1, 2, 3, 4, 5, 6, 7], size=n, p=[0.25, 0.28, 0.22, 0.13, 0.07, 0.035, 0.015])
    perf = np.clip(np.round(3 + rng.normal(size=n)), 1, 5).astype(int)
    tenure = rng.integers(1, 240, size=n)
    level_logit = np.array([0.0, -0.3, -0.7, -1.1, -1.5, -1.9, -2.3])[level - 1]
    mode_logit = np.select([mode == "remote", mode == "hybrid"], [math.log(0.6), math.log(0.85)], 0.0)
    eta = -1.2 + level_logit + 0.5 * (perf - 3) + 0.05 * tenure / 12 + mode_logit
    promoted = rng.random(n) < 1 / (1 + np.exp(-eta))
    months = np.where(promoted, rng.integers(1, 13, size=n), np.where(rng.random(n) < 0.1, rng.integers(1, 12, size=n), 12))
    df = pd.DataFrame(
        {
            "employee_id": [f"E-{i}" for i in range(n)],
            "work_mode": mode,
            "level": [f"L{l}" for l in level],
            "department": rng.choice(["Sales", "Engineering", "Support", "Finance", "Operations"], size=n),
            "performance": perf,
            "tenure_months": tenure,
            "promoted": promoted.astype(int),
            "months_to_event": months,
            "gender": rng.choice(["female", "male", "nonbinary"], size=n, p=[0.48, 0.49, 0.03]),
        }
    )
    df.to_csv(path, index=False)


def analyse(path):
    import statsmodels.formula.api as smf
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test
    from scipy.stats import chi2_contingency, fisher_exact, mannwhitneyu
    from statsmodels.stats.contingency_tables import StratifiedTable
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

    df = pd.read_csv(path)
    if df.employee_id.duplicated().any():
        raise SystemExit("duplicate employee id")
    df["promoted"] = df.promoted.astype(int)
    by_mode = df.groupby("work_mode").promoted.agg(["size", "sum"])
    modes = [m for m in ["onsite", "hybrid", "remote"] if m in by_mode.index]
    groups = []
    for m in modes:
        km = KaplanMeierFitter().fit(df.months_to_event[df.work_mode == m], df.promoted[df.work_mode == m])
        groups.append({"work_mode": m, "n": int(by_mode.loc[m, "size"]), "promoted": int(by_mode.loc[m, "sum"]),
                       "rate": by_mode.loc[m, "sum"] / by_mode.loc[m, "size"],
                       "median_months_to_promotion": float(km.median_survival_time_)})
    logit = smf.logit(
        "promoted ~ C(work_mode, Treatment('onsite')) + performance + tenure_months + C(level)", df
    ).fit(method="newton", disp=False)
    ci = logit.conf_int()
    strata = df.groupby(["level", "work_mode"]).promoted.agg(["size", "sum"])
    comparisons = []
    nr, xr = int(by_mode.loc["onsite", "size"]), int(by_mode.loc["onsite", "sum"])
    for focal in [m for m in modes if m != "onsite"]:
        nf, xf = int(by_mode.loc[focal, "size"]), int(by_mode.loc[focal, "sum"])
        z, zp = proportions_ztest([xf, xr], [nf, nr])
        fisher = fisher_exact([[xf, nf - xf], [xr, nr - xr]]).pvalue
        tables = []
        for lv in sorted(df.level.unique()):
            def cell(m):
                if (lv, m) in strata.index:
                    s = strata.loc[(lv, m)]
                    return [s["sum"], s["size"] - s["sum"]]
                return [0, 0]
            t = np.array([cell(focal), cell("onsite")], dtype=float)
            if t.sum(axis=0).min() > 0 and t.sum(axis=1).min() > 0:
                tables.append(t)
        st = StratifiedTable(np.dstack(tables))
        cmh = st.test_null_odds(correction=False)
        term = f"C(work_mode, Treatment('onsite'))[T.{focal}]"
        mw = mannwhitneyu(df.performance[df.work_mode == focal], df.performance[df.work_mode == "onsite"])
        pr = xr / nr
        h = NormalIndPower().solve_power(nobs1=nf, ratio=nr / nf, alpha=0.05, power=0.8)
        detectable = math.sin(math.asin(math.sqrt(pr)) - h / 2) ** 2 / pr
        km = KaplanMeierFitter().fit(df.months_to_event[df.work_mode == focal], df.promoted[df.work_mode == focal])
        comparisons.append({
            "work_mode": focal, "impact_ratio": (xf / nf) / (xr / nr), "rate_difference": xf / nf - xr / nr,
            "z_statistic": float(z), "z_p_value": float(zp), "fisher_p_value": float(fisher),
            "cmh": {"statistic": float(cmh.statistic), "p_value": float(cmh.pvalue),
                    "common_odds_ratio": float(st.oddsratio_pooled),
                    "breslow_day_p_value": float(st.test_equal_odds(adjust=False).pvalue)},
            "logistic": {"odds_ratio": math.exp(logit.params[term]), "ci_low": math.exp(ci.loc[term, 0]),
                         "ci_high": math.exp(ci.loc[term, 1]), "p_value": float(logit.pvalues[term])},
            "median_months_to_promotion": float(km.median_survival_time_),
            "mann_whitney_p_value": float(mw.pvalue), "min_detectable_impact_ratio": detectable,
        })
    adjusted = multipletests([c["fisher_p_value"] for c in comparisons], method="holm")[1]
    for c, a in zip(comparisons, adjusted):
        c["adjusted_p_value"] = float(a)
    chi = chi2_contingency(np.array([[by_mode.loc[m, "sum"], by_mode.loc[m, "size"] - by_mode.loc[m, "sum"]] for m in modes]), correction=False)
    lr = multivariate_logrank_test(df.months_to_event, df.work_mode, df.promoted)
    cut = df.groupby(["work_mode", "gender"]).promoted.agg(["size", "mean"])
    cut = cut[cut["size"] >= 5]
    print(json.dumps({
        "n": int(len(df)), "reference_group": "onsite", "groups": groups, "comparisons": comparisons,
        "chi_square": {"statistic": float(chi.statistic), "df": int(chi.dof), "p_value": float(chi.pvalue)},
        "logrank": {"statistic": float(lr.test_statistic), "df": int(lr.degrees_of_freedom), "p_value": float(lr.p_value)},
        "intersections": {f"{m}/{g}": float(r["mean"]) for (m, g), r in cut.iterrows()},
    }, indent=2, default=float))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 2:
        analyse(sys.argv[1])
    else:
        raise SystemExit(__doc__)
