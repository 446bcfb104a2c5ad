# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rate limits of the public pages (report without account, tracking; other addons
add their own kinds through ``_kel_limits``).

Stored in the database rather than in worker memory: Odoo runs several worker
processes in production (and recycles them), so an in-memory counter would allow
``workers x limit`` attempts and forget them on every restart. One small insert per
counted attempt is cheap next to the page itself, the limits hold across workers and
restarts, and tests can observe them. The client address is stored as a keyed hash
(HMAC with the database secret), never in clear; rows older than a day are removed by
the autovacuum.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import hmac
from odoo.tools.sql import create_index

# ICP key -> (default limit, window in minutes)
LIMITS = {
    "report": ("kelurahan_crm.portal_report_limit", 5, 60),
    "report_user": ("kelurahan_crm.portal_report_user_limit", 10, 60),
    "track": ("kelurahan_crm.portal_track_limit", 10, 15),
    # One-time codes of the tracking link (kelurahan.complaint.otp): codes sent per
    # complaint and per client, code checks per client.
    "otp_ticket": ("kelurahan_crm.portal_otp_ticket_limit", 3, 60),
    "otp_client": ("kelurahan_crm.portal_otp_client_limit", 10, 60),
    "otp_verify": ("kelurahan_crm.portal_otp_verify_limit", 20, 15),
}


class KelurahanPortalThrottle(models.Model):
    _name = "kelurahan.portal.throttle"
    _description = "Portal rate-limit attempt"
    _order = "id desc"
    _log_access = False

    kind = fields.Char(required=True)
    client = fields.Char(required=True, help="Keyed hash of the client address.")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    def init(self):
        create_index(
            self.env.cr,
            "kelurahan_portal_throttle_lookup_idx",
            self._table,
            ["kind", "client", "date"],
        )

    @api.model
    def _kel_client_key(self, client):
        # sudo: the database secret is read only to key the hash.
        return hmac(self.env(su=True), "kelurahan-portal-throttle", client)[:32]

    @api.model
    def _kel_limits(self):
        """{kind: (system parameter, default limit, window in minutes)}; extend
        with ``super()`` to throttle another public page."""
        return dict(LIMITS)

    @api.model
    def _kel_limit(self, kind):
        key, default, window = self._kel_limits()[kind]
        # sudo: public visitors cannot read system parameters; only the limit is used.
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            limit = int(value) if value not in (None, False, "") else default
        except ValueError:
            limit = default
        return limit, window

    @api.model
    def _kel_is_blocked(self, kind, client):
        """True when ``client`` used up its attempts of ``kind`` in the window."""
        limit, window = self._kel_limit(kind)
        if limit <= 0:
            return False
        since = fields.Datetime.now() - timedelta(minutes=window)
        # sudo: throttle rows are technical, no user may read them.
        count = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("kind", "=", kind),
                    ("client", "=", self._kel_client_key(client)),
                    ("date", ">=", since),
                ],
                limit=limit,
            )
        )
        return count >= limit

    @api.model
    def _kel_hit(self, kind, client):
        """Count one attempt of ``kind`` for ``client``. On a read-only request
        (a public page served by the read replica, README "Scaling") the row is
        written on the primary in a transaction of its own, as Odoo's own
        ``res.device`` log does: the page stays on the replica, and Odoo never
        retries it on the primary."""
        key = self._kel_client_key(client)
        if not self.env.cr.readonly:
            self._kel_insert_hit(self.env.cr, kind, key)
            return
        self.env.cr.rollback()
        with self.env.registry.cursor() as cr:
            self._kel_insert_hit(cr, kind, key)

    @api.model
    def _kel_insert_hit(self, cr, kind, key):
        """One attempt row in one INSERT. Not the ORM's create: it runs on every
        public form post (issue 22) and costs several times the insert; the row is
        technical (no computed field, no access rule, written on behalf of any
        visitor), read back only by counts that query the table."""
        cr.execute(
            SQL(
                "INSERT INTO kelurahan_portal_throttle (kind, client, date)"
                " VALUES (%s, %s, %s)",
                kind,
                key,
                fields.Datetime.now(),
            )
        )

    @api.autovacuum
    def _gc_kel_throttle(self):
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
