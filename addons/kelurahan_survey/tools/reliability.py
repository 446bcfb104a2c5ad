# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Instrument quality (reliability) of a questionnaire, free of the ORM.

- Cronbach's alpha = k/(k−1) · (1 − Σ var(item) / var(total)), sample variances
  (ddof = 1), over the respondents who answered every item (listwise deletion).
- "Alpha if item deleted": the same formula without that item.
- Corrected item–total correlation: Pearson r between an item and the total of the
  OTHER items (the item itself is left out of the total).
- Usual reading: α ≥ 0.9 excellent, ≥ 0.8 good, ≥ 0.7 acceptable, ≥ 0.6
  questionable, below poor; an item–total r below 0.3 marks a weak item.
"""

import numpy as np

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

MIN_RESPONDENTS = 3
WEAK_ITEM_R = 0.3
ACCEPTABLE_ALPHA = 0.7
ALPHA_LEVELS = (
    (0.9, _lt("excellent")),
    (0.8, _lt("good")),
    (ACCEPTABLE_ALPHA, _lt("acceptable")),
    (0.6, _lt("questionable")),
)


def expand(patterns, k=0):
    """``[(scores tuple, count)]`` (aggregated in SQL) → respondents × items matrix
    (``k`` items when there is no pattern at all)."""
    if not patterns:
        return np.zeros((0, k))
    rows = np.asarray([p for p, _c in patterns], dtype=float)
    counts = np.asarray([c for _p, c in patterns], dtype=int)
    return np.repeat(rows, counts, axis=0)


def _alpha(matrix):
    k = matrix.shape[1]
    total_var = matrix.sum(axis=1).var(ddof=1)
    if k < 2 or total_var == 0:
        return None
    return float(k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_var))


def cronbach(matrix):
    """Alpha, alpha if item deleted and corrected item–total r of a respondents ×
    items matrix (complete answers only). ``message`` says why a figure is missing."""
    matrix = np.asarray(matrix, dtype=float)
    n, k = matrix.shape if matrix.ndim == 2 else (0, 0)
    result = {"n": n, "k": k, "alpha": None, "items": [], "message": ""}
    if k < 2:
        result["message"] = _lt("Reliability needs at least two scaled questions.")
        return result
    if n < MIN_RESPONDENTS:
        result["message"] = _lt(
            "Too few complete answers: reliability needs at least %(n)s respondents "
            "who answered every question.",
            n=MIN_RESPONDENTS,
        )
        return result
    result["alpha"] = _alpha(matrix)
    if result["alpha"] is None:
        result["message"] = _lt("All totals are equal: reliability cannot be computed.")
    for i in range(k):
        item = matrix[:, i]
        rest = np.delete(matrix, i, axis=1)
        rest_total = rest.sum(axis=1)
        if item.std() == 0 or rest_total.std() == 0:
            r = None
        else:
            r = float(np.corrcoef(item, rest_total)[0, 1])
        result["items"].append(
            {"alpha_if_deleted": _alpha(rest) if k > 2 else None, "item_total": r}
        )
    return result


def alpha_label(alpha):
    """Translatable word for an alpha value (lazy), '' for None."""
    if alpha is None:
        return ""
    for lower, label in ALPHA_LEVELS:
        if alpha >= lower:
            return label
    return _lt("poor")
