# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rating and dispute from the private tracking link, for reporters without an
account: they ask for a one-time code on the phone or e-mail address they gave
(``kelurahan.complaint.otp``), type it, and may then rate or dispute this complaint
for ``PROOF_MINUTES`` (a signed proof in their session, bound to the complaint and
its link). The rule on what they may do is the complaint's
(``_kel_feedback_refusal``), the same as on /my/pengaduan."""

import time

from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.misc import hmac

from ..models.kelurahan_complaint_otp import OtpLimitError
from . import portal_common as common
from .main import KelurahanPublicPortal

PROOF_MINUTES = 30
PROOF_KEY = "kel_track_proof"
NOTICES = ("terverifikasi", "nilai", "sengketa")


def _proof_signature(ticket_sudo, expires):
    # sudo: reads the database secret to sign the proof.
    return hmac(
        request.env(su=True),
        "kelurahan-track-proof",
        f"{ticket_sudo.id}:{ticket_sudo.kel_track_token}:{expires}",
    )


def grant_proof(ticket_sudo):
    expires = int(time.time()) + PROOF_MINUTES * 60
    request.session[PROOF_KEY] = [
        ticket_sudo.id,
        expires,
        _proof_signature(ticket_sudo, expires),
    ]


def has_proof(ticket_sudo):
    """True when this session verified a code for this complaint recently."""
    proof = request.session.get(PROOF_KEY)
    if not (isinstance(proof, list) and len(proof) == 3):
        return False
    ticket_id, expires, signature = proof
    return (
        ticket_id == ticket_sudo.id
        and isinstance(expires, int)
        and expires > time.time()
        and isinstance(signature, str)
        and consteq(_proof_signature(ticket_sudo, expires), signature)
    )


class KelurahanTrackingFeedback(KelurahanPublicPortal):
    def _track_fields(self):
        # the verdicts and the reporter's contact (one-time code channels)
        return [
            *super()._track_fields(),
            "feedback_ids",
            "kel_reporter_id",
            "partner_id",
            "reporter_name",
            "partner_name",
            "partner_email",
            "reporter_phone",
        ]

    def _track_token_values(self, ticket, token, notice=None):
        values = super()._track_token_values(ticket, token, notice=notice)
        feedback = common.feedback_values(ticket)
        values.update(
            {
                "feedback": feedback,
                "feedback_url": common.track_path(ticket),
                "verified": has_proof(ticket),
                "otp_channels": ticket._kel_otp_channels()
                if feedback["can_rate"] or feedback["can_dispute"]
                else {},
                "notice": notice if notice in NOTICES else None,
            }
        )
        return values

    def _track_action(self, token, post, handler, status=400):
        """Common frame of the tracking page's forms: the link, CSRF, then
        ``handler(ticket_sudo, post)`` which returns a notice (redirect) or a
        dict of values to show, or raises FormError / UserError before writing."""
        ticket, refusal = self._track_ticket_or_refusal(token)
        if refusal:
            return refusal
        try:
            common.check_csrf(post)
            result = handler(ticket, post)
        except (common.FormError, UserError) as error:
            messages = (
                error.messages
                if isinstance(error, common.FormError)
                else [error.args[0]]
            )
            values = self._track_token_values(ticket, token)
            values.update(errors=messages, form=self._keep(post))
            if isinstance(error, OtpLimitError):
                status = 429
            elif getattr(error, "kel_status", None):
                status = error.kel_status
            return self._track_render(values, status=status)
        if isinstance(result, dict):
            values = self._track_token_values(ticket, token)
            values.update(result)
            return self._track_render(values)
        return request.redirect(f"{common.track_path(ticket)}?pesan={result}")

    @staticmethod
    def _keep(post):
        return {k: v[:2000] for k, v in post.items() if isinstance(v, str)}

    @common.form_route("/pengaduan/lacak/<string:token>/kode", auth="public")
    def track_send_code(self, token, **post):
        return self._track_action(token, post, self._track_send_code)

    def _track_send_code(self, ticket, post):
        feedback = common.feedback_values(ticket)
        if not (feedback["can_rate"] or feedback["can_dispute"]):
            raise common.FormError(
                ticket._kel_feedback_refusal("rating")
                or ticket._kel_feedback_refusal("dispute")
            )
        channel = post.get("channel") if isinstance(post.get("channel"), str) else ""
        sent_to = request.env["kelurahan.complaint.otp"]._kel_issue(
            ticket, channel, common.client_address()
        )
        return {"code_sent_to": sent_to}

    @common.form_route("/pengaduan/lacak/<string:token>/verifikasi", auth="public")
    def track_verify_code(self, token, **post):
        return self._track_action(token, post, self._track_verify_code)

    def _track_verify_code(self, ticket, post):
        code = post.get("code") if isinstance(post.get("code"), str) else ""
        request.env["kelurahan.complaint.otp"]._kel_verify(
            ticket, code[:20], common.client_address()
        )
        grant_proof(ticket)
        return "terverifikasi"

    def _track_check_proof(self, ticket):
        if not has_proof(ticket):
            error = common.FormError(
                request.env._(
                    "Confirm it is you first: ask for a code and type it here."
                )
            )
            error.kel_status = 403
            raise error

    @common.form_route("/pengaduan/lacak/<string:token>/nilai", auth="public")
    def track_rate(self, token, **post):
        return self._track_action(token, post, self._track_rate)

    def _track_rate(self, ticket, post):
        self._track_check_proof(ticket)
        rating, comment = common.parse_rating(post)
        ticket._kel_check_feedback("rating")
        # The session proved control of the reporter's contact for this complaint.
        ticket._kel_record_rating(rating, comment)
        return "nilai"

    @common.form_route("/pengaduan/lacak/<string:token>/sengketa", auth="public")
    def track_dispute(self, token, **post):
        return self._track_action(token, post, self._track_dispute)

    def _track_dispute(self, ticket, post):
        self._track_check_proof(ticket)
        reason = common.parse_dispute(post)
        ticket._kel_check_feedback("dispute")
        # The session proved control of the reporter's contact for this complaint.
        ticket._kel_record_dispute(reason)
        return "sengketa"
