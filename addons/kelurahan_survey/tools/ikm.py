# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""IKM arithmetic per PermenPANRB 14/2017, kept free of the ORM so it can be checked
against hand calculations.

- NRR per unsur = mean score (1..4) over the respondents who answered that unsur.
- IKM = Σ NRR × 1/9 (the weight is the exact fraction 1/9, never 0.111).
- Converted IKM = IKM × 25 (scale 25..100); only the final figure is rounded
  (2 dp).
- Quality categories on the converted value: A 88.31–100 Sangat Baik,
  B 76.61–88.30 Baik, C 65.00–76.60 Kurang Baik, D 25.00–64.99 Tidak Baik.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

UNSUR = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
WEIGHT = Fraction(1, len(UNSUR))
SCALE_MIN, SCALE_MAX = 1, 4

# (lower bound of the converted IKM, letter, performance) from best to worst
CATEGORIES = (
    (Decimal("88.31"), "A", _lt("Very good")),
    (Decimal("76.61"), "B", _lt("Good")),
    (Decimal("65.00"), "C", _lt("Less than good")),
    (Decimal("25.00"), "D", _lt("Not good")),
)


def round2(value):
    """Round half up to 2 decimals (school rounding, as the regulation's tables do).
    Fractions are rounded exactly, without a float in between."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def nrr(total, count):
    """Mean score of one unsur as an exact fraction (None when nobody answered)."""
    if not count:
        return None
    return Fraction(int(total), int(count))


def ikm(nrr_by_unsur):
    """IKM (scale 1..4) from ``{unsur: NRR}``; every one of the 9 unsur is needed.
    Returns an exact Fraction, or None when an unsur has no answer."""
    values = [nrr_by_unsur.get(code) for code in UNSUR]
    if any(v is None for v in values):
        return None
    return sum((Fraction(v) * WEIGHT for v in values), Fraction(0))


def converted(ikm_value):
    """IKM × 25, rounded to 2 decimals at the very end."""
    if ikm_value is None:
        return None
    return round2(Fraction(ikm_value) * 25)


def category(converted_value):
    """(letter, label) of a converted IKM (already rounded to 2 decimals)."""
    if converted_value is None:
        return None, None
    value = Decimal(str(converted_value)).quantize(Decimal("0.01"))
    if value > 100 or value < Decimal("25.00"):
        return None, None
    for lower, letter, label in CATEGORIES:
        if value >= lower:
            return letter, label
    return None, None


def sample_size_exact(population, chi2=3.841, p=0.5, d=0.05):
    """Krejcie & Morgan (1970), unrounded:
    s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), with X² = 3.841 (1 df, 95 %), P = 0.5
    and d = 0.05. ``None`` for no population."""
    n = int(population or 0)
    if n <= 0:
        return None
    return chi2 * n * p * (1 - p) / (d * d * (n - 1) + chi2 * p * (1 - p))


def sample_size(population, chi2=3.841, p=0.5, d=0.05):
    """Krejcie & Morgan (1970) minimum sample, rounded to the NEAREST integer (half
    up), which is how the published table was made: this rule reproduces all 90
    entries of the table (N = 10 … 1,000,000), whereas rounding up misses 45 of them
    (e.g. N = 50: 44.34 → table 44) and rounding down 45 others (N = 100: 79.51 →
    table 80). The unrounded value is ``sample_size_exact``."""
    exact = sample_size_exact(population, chi2, p, d)
    if exact is None:
        return 0
    # guard against 135.99999999 style float noise before rounding
    return int(Decimal(str(round(exact, 9))).quantize(Decimal(1), ROUND_HALF_UP))
