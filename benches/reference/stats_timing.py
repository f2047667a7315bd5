#!/usr/bin/env python3
"""Reference timings for the computations in benches/stats.rs.

    /work/venv/bin/python benches/reference/stats_timing.py

Same sizes and data-generating processes as the Rust bench (not bit-identical
data): logistic regression with 12 parameters (statsmodels Logit, Newton),
Kaplan-Meier plus a 3-group log-rank test (lifelines), and Fisher's exact test
with margins in the millions (scipy). Prints the median CPU (process) time and wall
time of several runs per case, in milliseconds, single-threaded BLAS.
"""

import os

for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
    os.environ[var] = "1"

import statistics
import time
import warnings

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
import lifelines
from lifelines import KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test

SIZES = [10_000, 100_000, 1_000_000]


def timeit(fn, repeat):
    """Median (CPU ms, wall ms) over `repeat` runs; CPU is process time, which
    is what counts on a machine shared with other jobs."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - c0) * 1e3)
        wall.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(cpu), statistics.median(wall)


def logistic_data(n, rng):
    p = 12
    beta = 0.3 - 0.05 * np.arange(p)
    X = rng.uniform(size=(n, p, 4)).sum(axis=2) - 2.0
    X[:, 0] = 1.0
    eta = X @ beta
    y = rng.uniform(size=n) < 1 / (1 + np.exp(-eta))
    return X, y.astype(float)


def survival_data(n, rng):
    g = rng.integers(0, 3, n)
    t = rng.exponential(700 * (1 + 0.25 * g))
    c = rng.exponential(2000, n)
    return np.ceil(np.minimum(t, c)), t <= c, g


def main():
    rng = np.random.default_rng(7)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, lifelines {lifelines.__version__}")
    for n in SIZES:
        X, y = logistic_data(n, rng)
        cpu, wall = timeit(lambda: sm.Logit(y, X).fit(method="newton", disp=0), 5 if n < 1_000_000 else 3)
        print(f"logistic_12_params/{n}: cpu {cpu:.2f} ms, wall {wall:.2f} ms")
    for n in SIZES:
        d, e, g = survival_data(n, rng)

        def run():
            KaplanMeierFitter().fit(d, event_observed=e)
            multivariate_logrank_test(d, g, e)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cpu, wall = timeit(run, 5 if n < 1_000_000 else 3)
        print(f"kaplan_meier_plus_logrank_3_groups/{n}: cpu {cpu:.2f} ms, wall {wall:.2f} ms")
    tables = {
        "balanced": [[1_200_000, 800_000], [1_180_000, 820_000]],
        "rare": [[3, 2_000_000], [15, 1_999_990]],
        "null": [[1_000_000, 1_000_000], [1_000_000, 1_000_000]],
    }
    for name, t in tables.items():
        cpu, wall = timeit(lambda: [st.fisher_exact(t) for _ in range(10)], 5)
        print(f"fisher_exact_margins_millions/{name}: cpu {cpu / 10:.3f} ms, wall {wall / 10:.3f} ms per call")


if __name__ == "__main__":
    main()
