# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from odoo import api, fields, models

from ..tools import files as kel_files


class KelurahanServiceDocument(models.Model):
    """A document uploaded for a request. The file is an attachment of this record,
    so only who may read the request (applicant, authorised staff) may read it."""

    _name = "kelurahan.service.document"
    _check_company_auto = True
    _description = "Request Document"
    _order = "request_id, requirement_id, id"

    request_id = fields.Many2one(
        "kelurahan.service.request", required=True, ondelete="cascade", index=True
    )
    requirement_id = fields.Many2one(
        "kelurahan.service.requirement",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    # stored for the multi-company record rule (security/kelurahan_service_security.xml)
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(string="File Name", required=True)
    datas = fields.Binary(string="File", attachment=True, required=True)
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer(readonly=True)

    def _kel_prepare_file(self, vals):
        """Check the content of an upload given to create/write (base64, as for any
        binary field) before anything is written; type and size come from it, and
        never from the caller (the type is the download's Content-Type)."""
        vals.pop("mimetype", None)
        vals.pop("file_size", None)
        if "datas" in vals:
            try:
                raw = base64.b64decode(vals["datas"] or b"", validate=True)
            except (binascii.Error, ValueError):
                raw = b"\0"  # not base64 at all: refused below as an unknown type
            vals["mimetype"] = kel_files.check_upload(self.env, vals.get("name"), raw)
            vals["file_size"] = len(raw)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._kel_prepare_file(dict(v)) for v in vals_list])

    def write(self, vals):
        return super().write(self._kel_prepare_file(dict(vals)))
