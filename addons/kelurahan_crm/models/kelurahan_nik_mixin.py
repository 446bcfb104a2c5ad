# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A record holding a resident's NIK (UU PDP 27/2022): everyone reads, exports and
searches it masked. The full number is stored in a field no user group reads
(``base.group_system``: technical administrators, not kelurahan roles); officers who
need it press *Tampilkan NIK*, give a reason, and the view is logged for the Lurah.
Changes are logged with both numbers masked.

Officers (who may show a full NIK) find records by NIK with ``kel_nik_search``: the
exact full number only, never displayed; a part of a number finds nothing. Other
roles are refused the search like the number itself.

A model inherits this mixin and names its NIK field in ``_kel_nik_field`` (declared
with ``groups=NIK_GROUPS``) and its masked field in ``_kel_nik_masked_field``."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools import nik as nik_tools

# who reads the full NIK through the ORM: technical administrators only
NIK_GROUPS = "base.group_system"
OFFICER = "kelurahan_crm.group_kelurahan_officer"


class KelurahanNikMixin(models.AbstractModel):
    _name = "kelurahan.nik.mixin"
    _description = "Record with a NIK (masked, shown on request, logged)"

    _kel_nik_field = None
    _kel_nik_masked_field = None

    kel_nik_input = fields.Char(
        string="NIK",
        compute="_compute_kel_nik_input",
        inverse="_inverse_kel_nik_input",
        groups="kelurahan_crm.group_kelurahan_rw",
        help="Shown masked. Type a new NIK to replace it (the change is logged); "
        "Tampilkan NIK shows the full number, with a reason that is logged.",
    )

    kel_nik_search = fields.Char(
        string="NIK (full number)",
        compute="_compute_kel_nik_search",
        search="_search_kel_nik_search",
        groups=OFFICER,
        help="Search only: the records of exactly this 16-digit NIK. The NIK is "
        "never shown; a part of a number finds nothing.",
    )

    def _compute_kel_nik_input(self):
        for record in self:
            record.kel_nik_input = record[self._kel_nik_masked_field]

    def _inverse_kel_nik_input(self):
        for record in self:
            value = record.kel_nik_input or ""
            if value == (record[self._kel_nik_masked_field] or ""):
                continue  # unchanged (still the masked number)
            record._kel_set_nik(value)

    def _compute_kel_nik_search(self):
        # A search field: it never displays the number.
        self.kel_nik_search = False

    def _search_kel_nik_search(self, operator, value):
        """Records holding exactly this NIK. Only the whole number matches: a
        part, a pattern or a negation would let one guess numbers digit by digit."""
        # Odoo checks the groups of stored fields in a domain, not of searchable
        # computed ones: refused here like the number itself.
        self.check_field_access_rights("read", ["kel_nik_search"])
        if operator != "=" or not isinstance(value, str):
            raise UserError(
                self.env._("Search by NIK with the full 16-digit number only.")
            )
        nik = nik_tools.normalize(value)
        if nik_tools.check(nik):
            return expression.FALSE_DOMAIN
        # sudo: no kelurahan role reads the full number; only the ids holding
        # exactly the number typed come back, and the caller's own search then
        # applies their record rules to them.
        holders = (
            self.sudo()
            .with_context(active_test=False)
            ._search([(self._kel_nik_field, "=", nik)])
        )
        return [("id", "in", holders)]

    def _kel_set_nik(self, value):
        """Store a new NIK typed by an officer, and log the change masked. sudo:
        the full number's field is readable by no kelurahan role."""
        self.ensure_one()
        record = self.sudo()
        fname = self._kel_nik_field
        old = record[fname]
        new = nik_tools.normalize(value) if value else False
        if (old or False) == new:
            return
        record.write({fname: new})
        self.env["kelurahan.audit.log"]._kel_log(
            self,
            "nik_change",
            field=fname,
            old=nik_tools.mask(old) if old else False,
            new=nik_tools.mask(new) if new else False,
        )

    def action_kel_reveal_nik(self):
        """The *Tampilkan NIK* button: a dialog asking why."""
        self.ensure_one()
        self._kel_check_may_reveal_nik()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Show the full NIK"),
            "res_model": "kelurahan.nik.reveal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def _kel_check_may_reveal_nik(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._("Only a Petugas Kelurahan or above can show a full NIK.")
            )
        self.check_access("read")

    def _kel_reveal_nik(self, reason):
        """The full NIK, after logging who asked, when and why."""
        self.ensure_one()
        self._kel_check_may_reveal_nik()
        self.env["kelurahan.audit.log"]._kel_log(
            self, "nik_view", field=self._kel_nik_field, reason=reason
        )
        # sudo: the full number is read for the officer who gave a reason, logged.
        return self.sudo()[self._kel_nik_field] or ""
