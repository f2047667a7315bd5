"""Golden fixtures for remit-benefits' adjusted gap (statsmodels OLS).

Writes crates/remit-benefits/tests/fixtures/benefits_golden.json. Each case is a small
synthetic workforce (work mode, level, country, tenure in months, annual value in EUR
with cents) and statsmodels' fit of

    log(value) ~ hybrid + remote + tenure_years + C(cell)      (cell = level x country)

with classical (nonrobust, t) and HC1 (normal) errors, as remit-benefits documents.
The gap is exp(b) - 1 and its interval exp(b -/+ q se) - 1.

Run: /work/venv/bin/python benches/reference/benefits_golden.py
"""

import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/remit-benefits/tests/fixtures/benefits_golden.json"


def make_case(name, n, seed, levels, countries, effects, sigma, remote_only=None):
    rng = np.random.default_rng(seed)
    modes = rng.choice(["onsite", "hybrid", "remote"], size=n, p=[0.4, 0.3, 0.3])
    level = rng.choice(levels, size=n)
    country = rng.choice(countries, size=n)
    if remote_only is not None:
        country = np.where(modes == "remote", np.where(rng.random(n) < 0.3, remote_only, country), country)
    tenure = rng.integers(0, 120, size=n)
    base = 2000.0 * (1.15 ** (level - 1))
    cfac = {c: 1.0 + 0.1 * i for i, c in enumerate(sorted(set(countries) | ({remote_only} if remote_only else set())))}
    mult = np.array([cfac[c] for c in country])
    eff = np.array([effects.get(m, 0.0) for m in modes])
    sd = np.array([sigma[m] for m in modes])
    log_v = np.log(base * mult) + eff + 0.01 * tenure / 12 + rng.normal(0, 1, n) * sd
    value = np.round(np.exp(log_v), 2)
    df = pd.DataFrame(
        {
            "mode": modes,
            "level": level,
            "country": country,
            "tenure_months": tenure,
            "value": value,
        }
    )
    df["y"] = np.log(df["value"])
    df["hybrid"] = (df["mode"] == "hybrid").astype(float)
    df["remote"] = (df["mode"] == "remote").astype(float)
    df["tenure_years"] = df["tenure_months"] / 12.0
    df["cell"] = df["level"].astype(str) + "-" + df["country"]
    formula = "y ~ hybrid + remote + tenure_years + C(cell)"
    fits = {}
    for cov in ["nonrobust", "HC1"]:
        res = smf.ols(formula, data=df).fit(cov_type=cov)
        out = {}
        for term in ["hybrid", "remote"]:
            b = float(res.params[term])
            se = float(res.bse[term])
            lo, hi = res.conf_int(alpha=0.05).loc[term]
            out[term] = {
                "coefficient": b,
                "std_error": se,
                "p_value": float(res.pvalues[term]),
                "gap": float(np.expm1(b)),
                "lower": float(np.expm1(lo)),
                "upper": float(np.expm1(hi)),
                "df_resid": float(res.df_resid),
            }
        fits["classical" if cov == "nonrobust" else "hc1"] = out
    means = df.groupby("mode")["value"].mean()
    return {
        "name": name,
        "rows": [
            {
                "mode": r.mode,
                "level": int(r.level),
                "country": r.country,
                "tenure_months": int(r.tenure_months),
                "value": f"{r.value:.2f}",
            }
            for r in df.itertuples()
        ],
        "nobs": int(len(df)),
        "cells": int(df["cell"].nunique()),
        "fits": fits,
        "unadjusted": {
            m: float(means[m] / means["onsite"] - 1.0) for m in ["hybrid", "remote"]
        },
    }


def main():
    cases = [
        make_case("planted_remote_shortfall", 400, 7, [1, 2, 3], ["DE", "GB", "US"],
                  {"remote": np.log(0.88), "hybrid": -0.03}, {"onsite": 0.2, "hybrid": 0.2, "remote": 0.2}),
        make_case("no_gap_small", 60, 11, [1, 2], ["DE", "IN"], {},
                  {"onsite": 0.15, "hybrid": 0.15, "remote": 0.15}),
        make_case("heteroskedastic_remote_only_country", 500, 23, [1, 2, 3, 4], ["DE", "IN", "US"],
                  {"remote": -0.06}, {"onsite": 0.1, "hybrid": 0.2, "remote": 0.4}, remote_only="PT"),
    ]
    doc = {
        "generator": "benches/reference/benefits_golden.py",
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
        "model": "log(value) ~ hybrid + remote + tenure_years + C(level x country)",
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
