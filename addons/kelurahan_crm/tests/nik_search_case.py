# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Searching records by NIK (``kelurahan.nik.mixin.kel_nik_search``) over JSON-RPC,
the way the search view's "NIK" field does, as each role. Shared by the addons
whose records hold a NIK."""

from .common import call_kw

ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"


class NikSearchCheck:
    """Mixin of an HttpCase; users log in with their login as password."""

    def nik_search(self, login, model, value, operator="="):
        self.authenticate(login, login)
        return call_kw(
            self,
            model,
            "web_search_read",
            [("kel_nik_search", operator, value)],
            specification={"display_name": {}},
            context={"lang": "id_ID"},
        )

    def assertNikSearch(self, model, record, nik, officers, others, refused):
        """``officers`` find ``record`` (not ``others``, of other NIKs) by its full
        NIK only, and never see the number; ``refused`` (roles without NIK rights)
        get the designed refusal."""
        spaced = f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
        for login in officers:
            for value in (nik, spaced):
                answer = self.nik_search(login, model, value)
                found = [row["id"] for row in answer["result"]["records"]]
                self.assertIn(record.id, found, (login, value))
                for other in others:
                    self.assertNotIn(other.id, found, (login, value))
                holders = self.env[model].sudo().browse(found)
                self.assertEqual(
                    set(holders.mapped(record._kel_nik_field)), {nik}, "exact only"
                )
                self.assertNotIn(nik, str(answer))
            # A part of the number, or a number one digit off, finds nothing.
            for value in (nik[:12], nik[4:], nik[:-1] + str((int(nik[-1]) + 1) % 10)):
                answer = self.nik_search(login, model, value)
                self.assertNotIn(
                    record.id,
                    [row["id"] for row in answer["result"]["records"]],
                    (login, value),
                )
            # Patterns and negations are refused: they would guess digit by digit.
            for operator in ("ilike", "!=", "=like"):
                error = self.nik_search(login, model, nik[:6], operator)["error"]
                self.assertEqual(error["data"]["name"], USER_ERROR, operator)
                self.assertIn("16 digit", error["data"]["message"])
        for login in refused:
            error = self.nik_search(login, model, nik)["error"]
            self.assertEqual(error["data"]["name"], ACCESS_ERROR, login)
            self.assertIn("kel_nik_search", error["data"]["message"])
            self.assertNotIn(nik, str(error))
