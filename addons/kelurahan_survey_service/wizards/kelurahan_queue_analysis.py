# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import numpy as np

from odoo import models

from odoo.addons.kelurahan_crm.tools import stats

# Waits are stored to the second. The log t-test runs on log(minutes) while every
# wait is positive, and on log(minutes + 1 second) for both periods as soon as one
# visitor was called at once (0 s): one fast service never disables the test.
LOG_SHIFT_MINUTES = 1 / 60


class KelurahanQueueAnalysis(models.TransientModel):
    _inherit = "kelurahan.queue.analysis"

    def _kel_values(self, date_from, date_to):
        """Waits from the exact seconds, counted per distinct value in SQL (a
        year of visits is a few hundred distinct waits, not one row per ticket)."""
        if self.measure != "wait_minutes":
            return super()._kel_values(date_from, date_to)
        groups = self.env["kelurahan.queue.ticket"]._read_group(
            self._kel_domain(date_from, date_to), ["wait_seconds"], ["__count"]
        )
        if not groups:
            return []
        return list(
            np.repeat(
                np.asarray([seconds / 60 for seconds, _count in groups], dtype=float),
                np.asarray([count for _seconds, count in groups], dtype=int),
            )
        )

    def _kel_compare(self):
        comparison = super()._kel_compare()
        if self.measure == "wait_minutes" and not comparison["welch"].ok:
            before = self._kel_values(self.date_from_a, self.date_to_a)
            after = self._kel_values(self.date_from_b, self.date_to_b)
            if min(before + after, default=1) <= 0:
                comparison["welch"] = stats.welch_t(
                    before, after, log=True, shift=LOG_SHIFT_MINUTES
                )
        return comparison
