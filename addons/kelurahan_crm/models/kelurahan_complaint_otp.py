# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One-time codes for reporters without an account: the private tracking link only
shows a complaint; to rate or dispute it the reporter proves they control the phone
or e-mail address they gave, with a code sent there (``_kel_otp_send`` of the
complaint: e-mail here, WhatsApp in kelurahan_whatsapp).

A code is 6 digits, valid 10 minutes, single use, at most 5 tries; asking for codes
is limited per complaint and per client, checking them per client
(``kelurahan.portal.throttle``). Only a keyed hash (HMAC with the database secret and
a per-code salt) is stored: the clear code exists in memory while it is sent, never
in the database or the log."""

import logging
import re
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq
from odoo.tools.misc import hmac

_logger = logging.getLogger(__name__)

CODE_DIGITS = 6
CODE_MINUTES = 10
MAX_ATTEMPTS = 5


def new_code():
    """A fresh random code of ``CODE_DIGITS`` digits."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


class OtpLimitError(UserError):
    """Refused because of a limit (codes asked, codes tried): HTTP 429."""


class KelurahanComplaintOtp(models.Model):
    _name = "kelurahan.complaint.otp"
    _description = "One-time code of a complaint's reporter"
    _order = "id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    channel = fields.Char(required=True, help="Where the code was sent (email, …).")
    salt = fields.Char(required=True)
    code_hash = fields.Char(required=True, help="Keyed hash of the code.")
    expires = fields.Datetime(required=True)
    attempts = fields.Integer(help="Wrong codes typed.")
    state = fields.Selection(
        [("active", "Active"), ("used", "Used"), ("void", "Void")],
        required=True,
        default="active",
        index=True,
    )

    @api.model
    def _kel_hash(self, salt, code):
        # sudo: the database secret is read only to key the hash.
        return hmac(self.env(su=True), "kelurahan-complaint-otp", f"{salt}:{code}")

    @api.model
    def _kel_issue(self, ticket, channel, client):
        """Send a new code for ``ticket`` (sudo) on ``channel``; earlier codes of the
        complaint stop working. Raises UserError with a message for the reporter
        when refused or not sent; returns the masked destination."""
        env = self.env
        Throttle = env["kelurahan.portal.throttle"]
        ticket_key = f"ticket:{ticket.id}"
        if Throttle._kel_is_blocked("otp_ticket", ticket_key) or (
            Throttle._kel_is_blocked("otp_client", client)
        ):
            raise OtpLimitError(
                env._(
                    "Too many codes were requested. Wait an hour and try again, or "
                    "ask at the kelurahan office."
                )
            )
        destinations = ticket._kel_otp_channels()
        if channel not in destinations:
            raise UserError(env._("Choose where to receive the code."))
        Throttle._kel_hit("otp_ticket", ticket_key)
        Throttle._kel_hit("otp_client", client)
        code = new_code()
        salt = secrets.token_hex(8)
        # sudo: codes are technical rows, no user may read them.
        Otp = self.sudo()
        with env.cr.savepoint():
            Otp.search([("ticket_id", "=", ticket.id), ("state", "=", "active")]).write(
                {"state": "void"}
            )
            Otp.create(
                {
                    "ticket_id": ticket.id,
                    "channel": channel,
                    "salt": salt,
                    "code_hash": self._kel_hash(salt, code),
                    "expires": fields.Datetime.now() + timedelta(minutes=CODE_MINUTES),
                }
            )
            if not ticket._kel_otp_send(channel, code):
                raise UserError(
                    env._(
                        "The code could not be sent. Try again later or choose "
                        "another way."
                    )
                )
        _logger.info(
            "Verification code sent for complaint %s by %s", ticket.id, channel
        )
        return destinations[channel]

    @api.model
    def _kel_verify(self, ticket, code, client):
        """Check ``code`` for ``ticket`` (sudo): on success the code is used up;
        otherwise raises UserError with a message for the reporter (a wrong try
        is counted, whatever comes after)."""
        env = self.env
        Throttle = env["kelurahan.portal.throttle"]
        if Throttle._kel_is_blocked("otp_verify", client):
            raise OtpLimitError(
                env._("Too many attempts. Wait 15 minutes and try again.")
            )
        otp = self.sudo().search(
            [("ticket_id", "=", ticket.id), ("state", "=", "active")], limit=1
        )
        if not otp or otp.expires < fields.Datetime.now():
            raise UserError(
                env._("The code has expired or was already used. Ask for a new code.")
            )
        digits = re.sub(r"\D", "", code or "")
        if len(digits) == CODE_DIGITS and consteq(
            self._kel_hash(otp.salt, digits), otp.code_hash
        ):
            otp.state = "used"
            return True
        Throttle._kel_hit("otp_verify", client)
        attempts = otp.attempts + 1
        otp.write(
            {
                "attempts": attempts,
                "state": "void" if attempts >= MAX_ATTEMPTS else "active",
            }
        )
        if attempts >= MAX_ATTEMPTS:
            raise OtpLimitError(env._("Too many wrong codes. Ask for a new code."))
        raise UserError(
            env._(
                "The code is not correct. %(left)s attempts left.",
                left=MAX_ATTEMPTS - attempts,
            )
        )

    @api.autovacuum
    def _gc_kel_otp(self):
        self.sudo().search(
            [("expires", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
