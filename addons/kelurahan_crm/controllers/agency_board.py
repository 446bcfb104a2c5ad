# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agency performance on the public transparency board."""

from datetime import timedelta

from odoo.http import request

from .main import KelurahanPublicPortal


class KelurahanAgencyBoard(KelurahanPublicPortal):
    def _board_values(self):
        values = super()._board_values()
        env = request.env
        company = env.company
        today = company._kel_today()
        since, _end = company._kel_period_bounds(
            today - timedelta(days=values["days"] - 1), today
        )
        # sudo: the board is public; only per-agency counts and averages of this
        # kelurahan's dispositions are shown, nothing of a complaint.
        rows = (
            env["kelurahan.disposition"]
            .sudo()
            .with_context(lang=env.lang)
            ._kel_agency_performance(
                [("company_id", "=", company.id), ("date_sent", ">=", since)]
            )
        )
        Lang = env["res.lang"]
        values["agency_performance"] = [
            {
                "name": row["agency"].name,
                "received": row["received"],
                "within": row["within"],
                "avg_days": Lang._kel_format_number(row["avg_days"]),
            }
            for row in rows
        ]
        return values
