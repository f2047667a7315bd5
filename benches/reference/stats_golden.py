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


# ---------------------------------------------------------------- regression
def make_dataset(n, n_num, levels, effect_scale=0.8, binary=True):
    """Raw columns plus the design matrix in remit-stats' column order:
    Intercept, numeric terms in order, then each categorical's non-reference
    levels sorted as strings (patsy's treatment coding)."""
    nums = {f"x{j}": rng.normal(0, 1 + j, n).round(6).tolist() for j in range(n_num)}
    cats = {}
    for k, nlev in enumerate(levels):
        labels = [f"l{v}" for v in rng.integers(0, nlev, n)]
        # make sure every level occurs
        for v in range(nlev):
            labels[v] = f"l{v}"
        present = sorted(set(labels))
        ref = str(rng.choice(present))
        cats[f"g{k}"] = {"labels": labels, "reference": ref}
    cols = [np.ones(n)]
    names = ["Intercept"]
    for name, v in nums.items():
        cols.append(np.array(v))
        names.append(name)
    for name, c in cats.items():
        for lev in sorted(set(c["labels"])):
            if lev == c["reference"]:
                continue
            cols.append(np.array([1.0 if l == lev else 0.0 for l in c["labels"]]))
            names.append(f"{name}[T.{lev}]")
    X = np.column_stack(cols)
    beta = rng.normal(0, effect_scale, X.shape[1])
    eta = X @ beta
    if binary:
        y = rng.uniform(size=n) < 1 / (1 + np.exp(-eta))
    else:
        y = eta + rng.normal(0, 1, n) * np.exp(0.3 * X[:, min(1, X.shape[1] - 1)])  # heteroskedastic
    return {"numeric": nums, "categorical": cats, "names": names}, X, y


def coef_table(names, params, bse, ci):
    return [
        {"name": nm, "estimate": float(b), "std_error": float(s), "lower": float(l), "upper": float(u)}
        for nm, b, s, (l, u) in zip(names, params, bse, ci)
    ]


def logistic_cases():
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning, ConvergenceWarning

    cases = []
    specs = [(12, 1, []), (15, 0, [2]), (20, 2, [])]
    specs += [(int(rng.integers(30, 600)), int(rng.integers(0, 4)), [int(v) for v in rng.integers(2, 5, int(rng.integers(0, 3)))]) for _ in range(40)]
    for n, n_num, levels in specs:
        if n_num == 0 and not levels:
            n_num = 1
        for _attempt in range(50):
            data, X, y = make_dataset(n, n_num, levels)
            if 0 < y.sum() < n:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    try:
                        res = sm.Logit(y.astype(float), X).fit(method="newton", tol=1e-12, maxiter=200, disp=0)
                    except Exception:
                        continue
                if res.mle_retvals["converged"] and np.all(np.abs(res.params) < 15):
                    break
        else:
            raise RuntimeError("could not draw a separable-free dataset")
        ci = res.conf_int(0.05)
        cases.append({
            "data": data, "y": y.tolist(),
            "coefficients": coef_table(data["names"], res.params, res.bse, ci),
            "pvalues": res.pvalues.tolist(), "z": res.tvalues.tolist(),
            "llf": res.llf, "llnull": res.llnull, "llr": res.llr, "llr_pvalue": res.llr_pvalue,
            "df_model": res.df_model,
        })
    # planted separation: statsmodels must fail or warn, remit-stats must name the term
    for k in range(8):
        n = int(rng.integers(20, 200))
        data, X, y = make_dataset(n, 1, [3])
        if k % 2 == 0:
            # every row of one non-reference level has the outcome
            lev = sorted(set(data["categorical"]["g0"]["labels"]) - {data["categorical"]["g0"]["reference"]})[0]
            mask = np.array([l == lev for l in data["categorical"]["g0"]["labels"]])
            y = y.copy()
            y[mask] = True
            y[~mask][:1] = False
            if y.all():
                y[np.where(~mask)[0][0]] = False
            term = f"g0[T.{lev}]"
        else:
            # numeric x0 threshold separates completely
            x0 = np.array(data["numeric"]["x0"])
            y = x0 > np.median(x0)
            term = "x0"
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                res = sm.Logit(y.astype(float), X).fit(method="newton", maxiter=100, disp=0)
                flagged = (
                    any(issubclass(x.category, (PerfectSeparationWarning, ConvergenceWarning)) for x in w)
                    or not res.mle_retvals["converged"]
                    or np.max(np.abs(res.params)) > 15
                )
            except Exception:
                flagged = True
        assert flagged, "statsmodels did not see the planted separation"
        cases.append({"data": data, "y": y.tolist(), "separation": term})
    write("logistic", cases, "statsmodels.api.Logit(...).fit(method='newton', tol=1e-12)")


def firth_cases():
    from firthmodels import FirthLogisticRegression
    import firthmodels

    cases = []
    specs = [(10, 1, []), (14, 0, [2])]
    specs += [(int(rng.integers(15, 200)), int(rng.integers(0, 3)), [int(v) for v in rng.integers(2, 4, int(rng.integers(0, 2)))]) for _ in range(60)]
    for idx, (n, n_num, levels) in enumerate(specs):
        if n_num == 0 and not levels:
            n_num = 1
        while True:
            data, X, y = make_dataset(n, n_num, levels, effect_scale=1.2)
            if 0 < y.sum() < n:
                break
        if idx % 3 == 0 and n_num > 0:
            # plant quasi-complete separation on x0
            x0 = np.array(data["numeric"]["x0"])
            y = x0 >= np.median(x0)
        m = FirthLogisticRegression(fit_intercept=False, max_iter=500, gtol=1e-8, xtol=1e-8)
        m.fit(X, y.astype(int))
        if not m.converged_:
            continue
        ci = np.column_stack([m.coef_ - 1.959963984540054 * m.bse_, m.coef_ + 1.959963984540054 * m.bse_])
        cases.append({
            "data": data, "y": y.tolist(),
            "coefficients": coef_table(data["names"], m.coef_, m.bse_, ci),
            "penalized_loglik": float(m.loglik_),
            "firthmodels": firthmodels.__version__ if hasattr(firthmodels, "__version__") else "unknown",
        })
    write("firth", cases, "firthmodels.FirthLogisticRegression(fit_intercept=False) coef_, bse_, loglik_")


def ols_cases():
    cases = []
    specs = [(5, 1, []), (8, 0, [2]), (10, 2, [])]
    specs += [(int(rng.integers(12, 500)), int(rng.integers(0, 4)), [int(v) for v in rng.integers(2, 5, int(rng.integers(0, 3)))]) for _ in range(32)]
    for n, n_num, levels in specs:
        if n_num == 0 and not levels:
            n_num = 1
        data, X, y = make_dataset(n, n_num, levels, binary=False)
        y = np.round(y, 6)
        out = {"data": data, "y": y.tolist()}
        for cov in ["nonrobust", "HC1"]:
            res = sm.OLS(y, X).fit(cov_type=cov)
            out[cov] = {
                "coefficients": coef_table(data["names"], res.params, res.bse, res.conf_int(0.05)),
                "pvalues": res.pvalues.tolist(),
                "rsquared": res.rsquared, "rsquared_adj": res.rsquared_adj,
                "ssr": res.ssr,
            }
        res = sm.OLS(y, X).fit()
        out["fvalue"] = num(res.fvalue)
        out["f_pvalue"] = num(res.f_pvalue)
        cases.append(out)
    write("ols", cases, "statsmodels.api.OLS(...).fit(cov_type='nonrobust' | 'HC1')")


# ---------------------------------------------------------------- rank test
def mannwhitney():
    pairs = [
        ([3.1, 4.0, 2.2, 5.0, 3.3], [4.4, 5.1, 6.0, 5.5, 4.9, 6.2]),
        ([1.0], [2.0]),
        ([1.0, 2.0], [1.0, 2.0]),  # ties
        ([1.0, 1.0, 1.0], [1.0, 1.0]),  # all tied
        ([5.0, 6.0, 7.0], [1.0, 2.0, 3.0, 4.0]),
        (list(range(8)), list(range(100, 140))),  # exact with one small sample
        (list(np.arange(9.0)), list(np.arange(9.0) + 0.5)),  # both > 8: asymptotic
    ]
    for _ in range(30):
        n1 = int(rng.integers(1, 40))
        n2 = int(rng.integers(1, 40))
        shift = rng.normal(0, 1)
        if rng.uniform() < 0.4:
            x = rng.integers(0, 6, n1).astype(float)  # ties
            y = (rng.integers(0, 6, n2) + (shift > 0)).astype(float)
        else:
            x = rng.normal(0, 1, n1).round(8)
            y = rng.normal(shift, 1, n2).round(8)
        pairs.append((x.tolist(), y.tolist()))
    cases = []
    for x, y in pairs:
        out = {"x": [float(v) for v in x], "y": [float(v) for v in y]}
        for alt in ["two-sided", "less", "greater"]:
            r = st.mannwhitneyu(x, y, alternative=alt, method="auto")
            out[alt] = {"statistic": num(r.statistic), "p_value": num(r.pvalue)}
        cases.append(out)
    write("mannwhitney", cases, "scipy.stats.mannwhitneyu(method='auto', use_continuity=True)")


# ---------------------------------------------------------------- survival
def survival_data(n, k, censor_rate, tie_grid=None):
    groups = rng.integers(0, k, n)
    scale = 10 * (1 + 0.5 * groups)
    t = rng.exponential(scale)
    c = rng.exponential(10 / max(censor_rate, 1e-9) * (1 - censor_rate) + 1e-9, n) if censor_rate > 0 else np.full(n, np.inf)
    d = np.minimum(t, c)
    e = t <= c
    if tie_grid:
        d = np.ceil(d / tie_grid) * tie_grid
    else:
        d = d.round(6)
    return d.tolist(), e.tolist(), groups.tolist()


def kaplan_meier_cases():
    from lifelines import KaplanMeierFitter

    datasets = [
        ([3.0, 5.0, 5.0, 8.0, 12.0, 12.0, 15.0], [True, True, False, True, False, True, False]),
        ([1.0], [True]),
        ([1.0], [False]),
        ([2.0, 2.0, 2.0], [True, True, True]),  # all die at once
        ([1.0, 2.0, 3.0], [False, False, False]),  # all censored
        ([0.0, 1.0, 1.0, 2.0], [True, True, False, True]),  # time zero event
    ]
    for i in range(30):
        n = int(rng.integers(2, 300))
        censor = [0.0, 0.3, 0.8, 0.95][i % 4]  # includes heavy censoring
        grid = [None, 1.0, 5.0][i % 3]  # ties in survival times
        d, e, _ = survival_data(n, 1, censor, grid)
        datasets.append((d, e))
    cases = []
    for d, e in datasets:
        kmf = KaplanMeierFitter().fit(d, event_observed=e, alpha=0.05)
        sf = kmf.survival_function_.iloc[:, 0]
        ci = kmf.confidence_interval_
        var = kmf._cumulative_sq_
        times = sorted(set(d))
        out = {"durations": d, "events": e, "times": times}
        out["survival"] = [num(sf.loc[t]) for t in times]
        out["lower"] = [num(ci.iloc[:, 0].loc[t]) for t in times]
        out["upper"] = [num(ci.iloc[:, 1].loc[t]) for t in times]
        out["greenwood_sum"] = [num(var.loc[t]) for t in times]
        med = kmf.median_survival_time_
        out["median"] = None if math.isinf(med) else float(med)
        cases.append(out)
    write("kaplan_meier", cases, "lifelines.KaplanMeierFitter (survival_function_, confidence_interval_, median_survival_time_)")


def logrank_cases():
    from lifelines.statistics import multivariate_logrank_test

    datasets = [
        ([2.0, 3.0, 4.0, 5.0, 8.0, 9.0, 10.0, 12.0, 14.0, 20.0],
         [True, True, True, False, True, True, False, True, False, False],
         [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
        ([1.0, 1.0, 2.0, 2.0], [True, True, True, True], [0, 1, 0, 1]),
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [True, False, True, False, True, True], [5, 5, 9, 9, 2, 2]),
    ]
    for i in range(30):
        n = int(rng.integers(6, 400))
        k = [2, 3, 4][i % 3]
        censor = [0.0, 0.5, 0.9][i % 3 if i % 2 else (i // 2) % 3]
        grid = [None, 1.0, 4.0][(i // 3) % 3]
        d, e, g = survival_data(n, k, censor, grid)
        if len(set(g)) < 2 or not any(e):
            continue
        datasets.append((d, e, g))
    cases = []
    for d, e, g in datasets:
        r = multivariate_logrank_test(d, g, e)
        cases.append({"durations": d, "events": e, "groups": g,
                      "statistic": num(r.test_statistic), "p_value": num(r.p_value),
                      "df": int(r.degrees_of_freedom)})
    write("logrank", cases, "lifelines.statistics.multivariate_logrank_test")


FAMILIES = {
    "fisher": fisher,
    "chi2": chi2,
    "proportions": proportions,
    "power": power_cases,
    "multitest": multiple,
    "stratified": stratified,
    "logistic": logistic_cases,
    "firth": firth_cases,
    "ols": ols_cases,
    "mannwhitney": mannwhitney,
    "kaplan_meier": kaplan_meier_cases,
    "logrank": logrank_cases,
}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(FAMILIES)
    for index, name in enumerate(FAMILIES):
        if name in wanted:
            # Each family has its own seeded stream, so regenerating one family
            # leaves the others' inputs unchanged.
            rng = np.random.default_rng([20261122, index])
            FAMILIES[name]()
