# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Files a resident uploaded on the request form when the form came back with an
error: kept on the server for that resident, shown again on the form, and used when
the form is sent again, so nobody has to choose the same files twice. Nobody reads
this model through the ORM but technical administrators: the portal reaches it only
through the checks of the controller."""

import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import files as kel_files

KEEP_HOURS = 24


class KelurahanServiceUpload(models.Model):
    _name = "kelurahan.service.upload"
    _description = "Pending Upload of a Request Form"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    requirement_id = fields.Many2one(
        "kelurahan.service.requirement", required=True, ondelete="cascade"
    )
    name = fields.Char(string="File Name", required=True)
    datas = fields.Binary(string="File", attachment=True, required=True)

    @api.model
    def _kel_pending(self, partner, requirements):
        """``{requirement id: upload}``: the latest valid pending file of
        ``partner`` for each of ``requirements``."""
        uploads = self.sudo().search(
            [
                ("partner_id", "=", partner.id),
                ("requirement_id", "in", requirements.ids),
                (
                    "create_date",
                    ">",
                    fields.Datetime.now() - timedelta(hours=KEEP_HOURS),
                ),
            ]
        )
        pending = {}
        for upload in uploads:  # newest first
            pending.setdefault(upload.requirement_id.id, upload)
        return pending

    @api.model
    def _kel_merge(self, partner, requirements, uploads, kept_ids):
        """The files of a submission: the new ``uploads`` ({requirement id:
        (filename, bytes)}), completed with the pending files the form showed
        (``kept_ids``) and that belong to ``partner``."""
        merged = dict(uploads)
        pending = self._kel_pending(partner, requirements)
        for requirement_id, upload in pending.items():
            if requirement_id not in merged and upload.id in kept_ids:
                merged[requirement_id] = (upload.name, base64.b64decode(upload.datas))
        return merged

    @api.model
    def _kel_keep(self, partner, uploads):
        """Keep the acceptable files of a form that came back with an error (the
        others are named in the error message); older pending files of the same
        requirement are replaced."""
        Upload = self.sudo()
        for requirement_id, (filename, data) in uploads.items():
            try:
                kel_files.check_upload(self.env, filename, data)
            except ValidationError:
                continue  # not kept: the form's validation names the file
            Upload.search(
                [
                    ("partner_id", "=", partner.id),
                    ("requirement_id", "=", requirement_id),
                ]
            ).unlink()
            Upload.create(
                {
                    "partner_id": partner.id,
                    "requirement_id": requirement_id,
                    "name": filename,
                    "datas": base64.b64encode(data),
                }
            )

    @api.model
    def _kel_discard(self, partner, requirements):
        """The request was created: its pending files are no longer needed."""
        self.sudo().search(
            [
                ("partner_id", "=", partner.id),
                ("requirement_id", "in", requirements.ids),
            ]
        ).unlink()

    @api.autovacuum
    def _gc_kel_pending_uploads(self):
        self.sudo().search(
            [("create_date", "<", fields.Datetime.now() - timedelta(hours=KEEP_HOURS))]
        ).unlink()
