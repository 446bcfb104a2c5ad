# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public privacy page (/privasi) and the resident's own consent records
(/my/persetujuan), UU PDP (Law 27/2022)."""

from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from . import portal_common as common


class KelurahanPrivacy(CustomerPortal):
    @common.page_route("/privasi", auth="public", methods=["GET"], readonly=True)
    def privacy_page(self, **kw):
        return request.render("kelurahan_crm.privacy_page", self._kel_privacy_values())

    def _kel_privacy_values(self):
        env = request.env
        company = env.company
        Notice = env["kelurahan.privacy.notice"]
        # sudo: the office's name, address and contacts, the agencies' names and the
        # configured retention periods are public; only these values leave here.
        office = company.sudo()
        address = office.partner_id._display_address(without_company=True)
        agencies = (
            env["kelurahan.agency"]
            .sudo()
            .search([("company_id", "in", [company.id, False])])
        )
        notice = Notice._kel_current(company)
        return {
            "page_name": "kel_privacy",
            "kel_office": {
                "name": office.name,
                "address": [line for line in address.splitlines() if line.strip()],
                "phone": office.phone or office.mobile or "",
                "email": office.email or "",
                "contact": office.kel_privacy_contact or "",
            },
            "purposes": Notice._kel_purposes(),
            "retention": Notice.sudo()._kel_retention_items(office),
            "agencies": agencies.mapped("name"),
            "notice": {"version": notice.version, "body": notice.body},
        }

    # ------------------------------------------------------------------
    # My consents
    # ------------------------------------------------------------------

    def _kel_my_consents_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("partner_id", "child_of", partner.id)]

    def _kel_my_consents(self):
        """The resident's own consent rows, searched with their own rights (the
        record rule limits them to their commercial partner)."""
        return request.env["kelurahan.consent"].search(self._kel_my_consents_domain())

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "consent_count" in counters:
            Consent = request.env["kelurahan.consent"]
            values["consent_count"] = (
                Consent.search_count(self._kel_my_consents_domain())
                if Consent.has_access("read")
                else 0
            )
        return values

    @common.page_route("/my/persetujuan", auth="user", methods=["GET"])
    def portal_my_consents(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="kel_consents",
            consents=[
                c._kel_resident_row(common.fmt_dt) for c in self._kel_my_consents()
            ],
        )
        return request.render("kelurahan_crm.portal_my_consents", values)

    @common.page_route("/my/persetujuan/<int:consent_id>", auth="user", methods=["GET"])
    def portal_my_consent(self, consent_id, **kw):
        consent = request.env["kelurahan.consent"].search(
            [("id", "=", consent_id), *self._kel_my_consents_domain()], limit=1
        )
        values = self._prepare_portal_layout_values()
        values["page_name"] = "kel_consents"
        if not consent:
            values["error"] = request.env._(
                "This consent record does not exist or is not yours."
            )
            return request.render("kelurahan_crm.portal_my_consent", values, status=404)
        values["consent"] = consent._kel_resident_row(common.fmt_dt)
        return request.render("kelurahan_crm.portal_my_consent", values)
