# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statistics shared by the queue analysis (waiting times) and the survey addon
(before/after comparisons of satisfaction). One place, SciPy underneath.

Every test returns a ``TestResult``; when the data cannot support a test (a group too
small, no variance) the result has ``ok=False`` and a ``message`` saying why, instead
of a misleading p-value.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats as sps

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

ALPHA = 0.05
MIN_GROUP_SIZE = 3


@dataclass
class TestResult:
    test: str
    ok: bool = True
    statistic: float | None = None
    pvalue: float | None = None
    effect_size: float | None = None
    effect_name: str = ""
    df: float | None = None
    message: str = ""
    extra: dict = field(default_factory=dict)

    def significant(self, alpha=ALPHA):
        return self.ok and self.pvalue is not None and self.pvalue < alpha


def _clean(values):
    arr = np.asarray([v for v in values if v is not None], dtype=float)
    return arr[np.isfinite(arr)]


def describe(values):
    """count, mean, median, sample standard deviation, 90th percentile, min, max."""
    arr = _clean(values)
    n = int(arr.size)
    if not n:
        return {
            "count": 0,
            "mean": None,
            "median": None,
            "std": None,
            "p90": None,
            "min": None,
            "max": None,
        }
    return {
        "count": n,
        "mean": float(arr.mean()),
        "median": float(np.median(arr)),
        "std": float(arr.std(ddof=1)) if n > 1 else 0.0,
        "p90": float(np.percentile(arr, 90)),
        "min": float(arr.min()),
        "max": float(arr.max()),
    }


def _too_small(test, *groups):
    if any(len(g) < MIN_GROUP_SIZE for g in groups):
        return TestResult(
            test,
            ok=False,
            message=_lt(
                "Too few data for the test: every group needs at least %(n)s values.",
                n=MIN_GROUP_SIZE,
            ),
        )
    return None


def welch_t(a, b, log=False, shift=0.0):
    """Welch's two-sample t-test (unequal variances); ``log=True`` tests log values,
    the usual choice for right-skewed durations. ``shift`` tests log(x + shift)
    instead, so that a duration of zero (served at once) keeps the test usable:
    callers pass the storage precision (e.g. 1 second). Effect size: Cohen's d
    (pooled SD)."""
    a, b = _clean(a) + shift, _clean(b) + shift
    if log:
        if (a <= 0).any() or (b <= 0).any():
            return TestResult(
                "welch_t",
                ok=False,
                message=_lt("A log t-test needs values greater than zero."),
            )
        a, b = np.log(a), np.log(b)
    if small := _too_small("welch_t", a, b):
        return small
    if a.std(ddof=1) == 0 and b.std(ddof=1) == 0:
        return TestResult(
            "welch_t",
            ok=False,
            message=_lt("All values are equal: there is nothing to test."),
        )
    res = sps.ttest_ind(a, b, equal_var=False)
    va, vb, na, nb = a.var(ddof=1), b.var(ddof=1), a.size, b.size
    df = (va / na + vb / nb) ** 2 / (
        (va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1)
    )
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    d = (a.mean() - b.mean()) / pooled if pooled else 0.0
    return TestResult(
        "welch_t",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=float(d),
        effect_name="cohen_d",
        df=float(df),
    )


def mann_whitney(a, b):
    """Two-sided Mann–Whitney U. Effect size: rank-biserial correlation
    r = 1 - 2U/(n1 n2), with U the statistic of the first sample."""
    a, b = _clean(a), _clean(b)
    if small := _too_small("mann_whitney", a, b):
        return small
    if np.concatenate([a, b]).std() == 0:
        return TestResult(
            "mann_whitney",
            ok=False,
            message=_lt("All values are equal: there is nothing to test."),
        )
    res = sps.mannwhitneyu(a, b, alternative="two-sided")
    r = 1.0 - 2.0 * float(res.statistic) / (a.size * b.size)
    return TestResult(
        "mann_whitney",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=r,
        effect_name="rank_biserial",
    )


def _paired(a, b):
    """Pairs where both values are present, as two aligned arrays."""
    pairs = [
        (x, y)
        for x, y in zip(a, b, strict=True)
        if x is not None and y is not None and math.isfinite(x) and math.isfinite(y)
    ]
    return (
        np.asarray([x for x, _y in pairs], dtype=float),
        np.asarray([y for _x, y in pairs], dtype=float),
    )


def paired_t(a, b):
    """Paired t-test (same respondents, two periods). Effect size: Cohen's d_z =
    mean difference / SD of the differences (difference = b − a)."""
    a, b = _paired(a, b)
    if small := _too_small("paired_t", a):
        return small
    diff = b - a
    if diff.std() == 0:
        return TestResult(
            "paired_t",
            ok=False,
            message=_lt("All differences are equal: there is nothing to test."),
        )
    res = sps.ttest_rel(a, b)
    return TestResult(
        "paired_t",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=float(diff.mean() / diff.std(ddof=1)),
        effect_name="cohen_d",
        df=float(a.size - 1),
    )


def wilcoxon(a, b):
    """Wilcoxon signed-rank test on paired values (zero differences dropped, the
    'wilcox' rule; normal approximation with tie correction as SciPy does for ties).
    Effect size: matched-pairs rank-biserial r = (R+ − R−)/(R+ + R−) of b − a."""
    a, b = _paired(a, b)
    diff = b - a
    nonzero = diff[diff != 0]
    if nonzero.size < MIN_GROUP_SIZE:
        return TestResult(
            "wilcoxon",
            ok=False,
            message=_lt(
                "Too few changed pairs for the test: at least %(n)s pairs must "
                "differ.",
                n=MIN_GROUP_SIZE,
            ),
        )
    res = sps.wilcoxon(a, b, zero_method="wilcox")
    ranks = sps.rankdata(np.abs(nonzero))
    plus, minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
    return TestResult(
        "wilcoxon",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=float((plus - minus) / (plus + minus)),
        effect_name="rank_biserial",
    )


def holm(pvalues):
    """Holm–Bonferroni adjusted p-values, in the input order (None stays None)."""
    indexed = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    m = len(indexed)
    adjusted = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(indexed)):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def anova(groups):
    """One-way ANOVA across ≥ 3 groups. Effect size: eta squared."""
    groups = [_clean(g) for g in groups]
    if len(groups) < 3:
        return TestResult(
            "anova", ok=False, message=_lt("ANOVA compares three groups or more.")
        )
    if small := _too_small("anova", *groups):
        return small
    allv = np.concatenate(groups)
    ss_total = float(((allv - allv.mean()) ** 2).sum())
    if ss_total == 0:
        return TestResult(
            "anova",
            ok=False,
            message=_lt("All values are equal: there is nothing to test."),
        )
    res = sps.f_oneway(*groups)
    ss_between = float(sum(g.size * (g.mean() - allv.mean()) ** 2 for g in groups))
    return TestResult(
        "anova",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=ss_between / ss_total,
        effect_name="eta_squared",
        df=float(len(groups) - 1),
        extra={"df_within": float(allv.size - len(groups))},
    )


def kruskal(groups):
    """Kruskal–Wallis H across ≥ 3 groups. Effect size: epsilon squared H/(n-1)."""
    groups = [_clean(g) for g in groups]
    if len(groups) < 3:
        return TestResult(
            "kruskal",
            ok=False,
            message=_lt("Kruskal–Wallis compares three groups or more."),
        )
    if small := _too_small("kruskal", *groups):
        return small
    allv = np.concatenate(groups)
    if allv.std() == 0:
        return TestResult(
            "kruskal",
            ok=False,
            message=_lt("All values are equal: there is nothing to test."),
        )
    res = sps.kruskal(*groups)
    n = allv.size
    return TestResult(
        "kruskal",
        statistic=float(res.statistic),
        pvalue=float(res.pvalue),
        effect_size=float(res.statistic) / (n - 1),
        effect_name="epsilon_squared",
        df=float(len(groups) - 1),
    )


def format_number(value, digits=2):
    """Indonesian decimal comma: 0.05 → '0,05'."""
    return f"{value:.{digits}f}".replace(".", ",")


def reading(env, result, alpha=ALPHA):
    """One plain-Indonesian (user language) sentence about a test result."""
    if not result.ok:
        return env._(result.message)
    if result.significant(alpha):
        return env._(
            "Significantly different at α = %(alpha)s (p = %(p)s).",
            alpha=format_number(alpha),
            p=format_number(result.pvalue, 4),
        )
    return env._(
        "Not significantly different at α = %(alpha)s (p = %(p)s).",
        alpha=format_number(alpha),
        p=format_number(result.pvalue, 4),
    )


# Conventional thresholds: Cohen (1988) for d; for the rank-biserial r the usual
# 0.1 / 0.3 / 0.5 of correlations; Cohen's 0.01 / 0.06 / 0.14 for the shares of
# variance (eta squared of ANOVA, epsilon squared of Kruskal–Wallis).
EFFECT_THRESHOLDS = {
    "cohen_d": (0.2, 0.5, 0.8),
    "rank_biserial": (0.1, 0.3, 0.5),
    "eta_squared": (0.01, 0.06, 0.14),
    "epsilon_squared": (0.01, 0.06, 0.14),
}
EFFECT_LABELS = (
    _lt("negligible"),
    _lt("small"),
    _lt("medium"),
    _lt("large"),
)


def effect_size_class(effect_name, value):
    """0 negligible, 1 small, 2 medium, 3 large (by absolute value)."""
    thresholds = EFFECT_THRESHOLDS[effect_name]
    return sum(abs(value) >= t for t in thresholds)


def effect_label(env, result):
    """Translated magnitude word of a result's effect size, '' when there is none."""
    if not result.ok or result.effect_size is None:
        return ""
    return env._(
        EFFECT_LABELS[effect_size_class(result.effect_name, result.effect_size)]
    )
