"""Golden fixtures for remit-benefits' group comparison (Welch's t-test).

Writes crates/remit-benefits/tests/fixtures/benefits_welch_golden.json: pairs of samples
of annual benefit values (with cents) and scipy's two-sided p-value of
`scipy.stats.ttest_ind(a, b, equal_var=False)`, the test `BenefitAudit::compare_group`
reports.

Run: /work/venv/bin/python benches/reference/benefits_welch_golden.py
"""

import json
import pathlib

import numpy as np
import scipy
from scipy import stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/remit-benefits/tests/fixtures/benefits_welch_golden.json"


def case(name, seed, n_a, mean_a, sd_a, n_b, mean_b, sd_b):
    rng = np.random.default_rng(seed)
    a = np.round(rng.normal(mean_a, sd_a, n_a), 2)
    b = np.round(rng.normal(mean_b, sd_b, n_b), 2)
    res = stats.ttest_ind(a, b, equal_var=False)
    return {
        "name": name,
        "a": a.tolist(),
        "b": b.tolist(),
        "statistic": float(res.statistic),
        "p_value": float(res.pvalue),
    }


cases = [
    case("clear shortfall, unequal variances", 1, 40, 3100.0, 400.0, 120, 3700.0, 900.0),
    case("no difference", 2, 25, 5000.0, 700.0, 30, 5000.0, 700.0),
    case("small groups", 3, 6, 1200.0, 150.0, 9, 1350.0, 60.0),
    case("unbalanced", 4, 300, 2500.0, 500.0, 12, 2650.0, 1200.0),
]
OUT.write_text(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {OUT}")
