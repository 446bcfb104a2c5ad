# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous complaints: the reporter is hidden from users below Petugas Kelurahan
in reads, searches and groupings."""

from odoo import api, models
from odoo.osv import expression

# Reporter fields hidden on anonymous complaints from users below Petugas Kelurahan.
ANONYMOUS_FIELDS = (
    "partner_id",
    "commercial_partner_id",
    "partner_name",
    "partner_email",
    "reporter_name",
    "reporter_phone",
    "reporter_nik_masked",
)


class KelurahanComplaintPrivacy(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.privacy"
    _description = "Complaint reporter privacy"

    def _read_format(self, fnames, load="_classic_read"):
        """Hide the reporter of anonymous complaints from users below Petugas
        Kelurahan (RW officers, internal users following the complaint); the
        reporter still sees themself."""
        result = super()._read_format(fnames, load=load)
        if self.env.su or self.env.user.has_group(
            "kelurahan_crm.group_kelurahan_officer"
        ):
            return result
        hidden = [fname for fname in ANONYMOUS_FIELDS if fname in fnames]
        if not hidden:
            return result
        own = self.env.user.commercial_partner_id
        anonymous = set(
            self.sudo()
            .filtered(lambda t: t.is_anonymous and t.commercial_partner_id != own)
            .ids
        )
        for values in result:
            if values["id"] in anonymous:
                for fname in hidden:
                    values[fname] = False
        return result

    def _kel_reporter_hidden(self):
        """True when the current user may not see the reporter of anonymous
        complaints (same users as in ``_read_format``)."""
        return not (
            self.env.su
            or self.env.user.has_group("kelurahan_crm.group_kelurahan_officer")
        )

    def _kel_reporter_visible_domain(self):
        """Complaints whose reporter the current user may see: not anonymous, or
        reported by themself."""
        return [
            "|",
            ("is_anonymous", "=", False),
            ("commercial_partner_id", "=", self.env.user.commercial_partner_id.id),
        ]

    @api.model
    def _kel_hide_reporter_leaves(self, domain):
        """``domain`` where every condition on a reporter field (``ANONYMOUS_FIELDS``,
        also through a path such as ``partner_id.phone``) only holds on complaints
        whose reporter the user may see. On the others the condition is false
        whatever the reporter is, also when negated, so no search (positive,
        negative or ``!``) can tell who filed an anonymous complaint."""
        visible = self._kel_reporter_visible_domain()
        result = []
        for element in expression.normalize_domain(domain):
            if (
                expression.is_leaf(element)
                and not expression.is_boolean(element)
                and isinstance(element[0], str)
                and element[0].split(".", 1)[0] in ANONYMOUS_FIELDS
            ):
                result += ["&", *visible, element]
            else:
                result.append(element)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and self._kel_reporter_hidden():
            domain = self._kel_hide_reporter_leaves(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Grouping by a reporter field would name the reporter of an anonymous
        complaint (its group): such groupings leave those complaints out for users
        who may not see them."""
        if self._kel_reporter_hidden() and any(
            spec.split(":", 1)[0].split(".", 1)[0] in ANONYMOUS_FIELDS
            for spec in groupby
        ):
            domain = expression.AND([domain or [], self._kel_reporter_visible_domain()])
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )
