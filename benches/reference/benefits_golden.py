"""Golden fixtures for remit-benefits' adjusted gap (statsmodels OLS).

Writes crates/remit-benefits/tests/fixtures/benefits_golden.json. Each case is a small
synthetic workforce (work mode, level, country, tenure in months, annual value in EUR
with cents) and statsmodels' fit of

    log(value) ~ hybrid + remote + tenure_years + C(cell)      (cell = level x country)

with classical (nonrobust, t) and HC1 (normal) errors, as remit-benefits documents.
The gap is exp(b) - 1 and its interval exp(b -/+ q se) - 1.

Three further cases pin the model-selection rule of docs/methodology/benefits.md §5
("Which model is fitted"): a work mode with too few staff keeps its own indicator (its
gap is not reported, and it is not pooled into the onsite reference group); remote staff
who share cells only with hybrid staff are identified through that chain; and remote
staff alone in their cells are outside the connected set, so the model is fitted on the
connected cells without a remote indicator. Each such case records the formula and the
rows statsmodels was fitted on, and the status the rule gives each work mode.

Run: python benches/reference/benefits_golden.py (with benches/reference/requirements.txt)
"""

import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/remit-benefits/tests/fixtures/benefits_golden.json"


def fit_case(name, df, terms=("hybrid", "remote"), connected=None, status=None, comparison=None):
    """statsmodels' fits of y ~ terms + tenure_years + C(cell) on the rows in `connected`
    (all rows by default), and the case document."""
    df = df.copy()
    df["y"] = np.log(df["value"])
    df["hybrid"] = (df["mode"] == "hybrid").astype(float)
    df["remote"] = (df["mode"] == "remote").astype(float)
    df["tenure_years"] = df["tenure_months"] / 12.0
    df["cell"] = df["level"].astype(str) + "-" + df["country"]
    fitted = df if connected is None else df[connected(df)]
    formula = "y ~ " + " + ".join(list(terms) + ["tenure_years", "C(cell)"])
    fits = {}
    for cov in ["nonrobust", "HC1"]:
        res = smf.ols(formula, data=fitted).fit(cov_type=cov)
        out = {}
        for term in terms:
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
    doc = {
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
        "formula": formula,
        "nobs": int(len(fitted)),
        "cells": int(fitted["cell"].nunique()),
        "outside_connected_set": int(len(df) - len(fitted)),
        "fits": fits,
        "unadjusted": {
            m: float(means[m] / means["onsite"] - 1.0) for m in ["hybrid", "remote"] if m in means
        },
    }
    if status is not None:
        doc["status"] = status
    if comparison is not None:
        doc["comparison"] = comparison
    return doc


def workforce(rng, modes, level, country, effects, sigma):
    """Values for given modes, levels and countries: level and country premia, the
    work-mode effects, 1% a year of tenure and log-normal noise."""
    n = len(modes)
    tenure = rng.integers(0, 120, size=n)
    base = 2000.0 * (1.15 ** (np.asarray(level) - 1))
    cfac = {c: 1.0 + 0.1 * i for i, c in enumerate(sorted(set(country)))}
    mult = np.array([cfac[c] for c in country])
    eff = np.array([effects.get(m, 0.0) for m in modes])
    log_v = np.log(base * mult) + eff + 0.01 * tenure / 12 + rng.normal(0, sigma, n)
    return pd.DataFrame(
        {
            "mode": modes,
            "level": level,
            "country": country,
            "tenure_months": tenure,
            "value": np.round(np.exp(log_v), 2),
        }
    )


def few_hybrid_staff():
    """Three hybrid employees among 200, valued 30% below their onsite colleagues. They
    keep their own indicator (so they do not drag the onsite reference down and bias the
    remote gap); their own gap is too small to report."""
    rng = np.random.default_rng(31)
    n = 197
    modes = list(rng.choice(["onsite", "remote"], size=n, p=[0.55, 0.45])) + ["hybrid"] * 3
    level = list(rng.choice([1, 2, 3], size=n)) + [1, 2, 3]
    country = list(rng.choice(["DE", "FR"], size=n)) + ["DE", "FR", "DE"]
    df = workforce(rng, modes, level, country, {"remote": np.log(0.9), "hybrid": np.log(0.7)}, 0.15)
    return fit_case("few_hybrid_staff", df,
                    status={"hybrid": "too_small", "remote": "estimated"},
                    comparison={"remote": "direct"})


def remote_through_hybrid_chain():
    """Onsite and hybrid staff share the German cells; hybrid and remote staff share the
    Portuguese ones; no cell holds onsite and remote staff together. The remote gap is
    identified through the hybrid staff (statsmodels fits the full formula without any
    rank deficiency)."""
    rng = np.random.default_rng(37)
    de = 120
    pt = 100
    modes = list(rng.choice(["onsite", "hybrid"], size=de, p=[0.6, 0.4])) + list(
        rng.choice(["hybrid", "remote"], size=pt, p=[0.4, 0.6]))
    level = list(rng.choice([1, 2], size=de + pt))
    country = ["DE"] * de + ["PT"] * pt
    df = workforce(rng, modes, level, country, {"remote": np.log(0.85), "hybrid": np.log(0.95)}, 0.12)
    return fit_case("remote_through_hybrid_chain", df,
                    status={"hybrid": "estimated", "remote": "estimated"},
                    comparison={"hybrid": "direct", "remote": "indirect"})


def remote_disconnected():
    """Onsite and hybrid staff share the German and French cells; every remote employee
    works from Portugal, where nobody else does. Remote staff are outside the connected
    set: no remote indicator, the Portuguese cells left out, the hybrid gap fitted on the
    connected cells alone."""
    rng = np.random.default_rng(41)
    inside = 160
    remote = 40
    modes = list(rng.choice(["onsite", "hybrid"], size=inside, p=[0.6, 0.4])) + ["remote"] * remote
    level = list(rng.choice([1, 2, 3], size=inside + remote))
    country = list(rng.choice(["DE", "FR"], size=inside)) + ["PT"] * remote
    df = workforce(rng, modes, level, country, {"remote": np.log(0.8), "hybrid": np.log(0.93)}, 0.12)
    return fit_case("remote_disconnected", df, terms=("hybrid",),
                    connected=lambda d: d["mode"] != "remote",
                    status={"hybrid": "estimated", "remote": "not_identified"},
                    comparison={"hybrid": "direct"})


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
        few_hybrid_staff(),
        remote_through_hybrid_chain(),
        remote_disconnected(),
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
