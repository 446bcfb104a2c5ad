# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous and confidential complaints, private by construction.

Who reported such a complaint lives in a ``kelurahan.complaint.reporter`` record that
only Petugas Kelurahan and above can read. The complaint itself keeps no trace of the
reporter: no partner, name, phone or e-mail; filed from the portal it is created by
OdooBot; the reporter does not follow it; what they post is written under a neutral
author by OdooBot. So no path an RW officer (or anyone with a login) can take through
the ORM — fields, read_group aggregates, group-by, order, domains, related paths,
chatter, followers, create/write users — names them, and nothing has to be filtered
out afterwards.

Only Petugas Kelurahan and above may hide or reveal the reporter of an existing
complaint; the change is tracked and noted in the chatter.

The tracking link of a complaint uses its own token (``kel_track_token``): only the
project's tracking page accepts it, it opens the public timeline and nothing else.
portal.mixin's ``access_token``, which Odoo's mail and portal routes accept, is
never generated for complaints.
"""

import html
import re
import secrets

from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

OFFICER = "kelurahan_crm.group_kelurahan_officer"
HIDING_FLAGS = ("is_anonymous", "is_confidential")
# complaint field → reporter record field
IDENTITY_FIELDS = {
    "reporter_name": "name",
    "reporter_phone": "phone",
    "partner_email": "email",
    "partner_id": "partner_id",
}
# cleared on the complaint when its reporter is hidden
CLEARED_FIELDS = (*IDENTITY_FIELDS, "partner_name")


def set_log_users_to_odoobot(records, users):
    """``records`` created or last written by ``users`` say OdooBot instead (the
    ORM does not write these columns); flushed first."""
    if not records:
        return
    for column in ("create_uid", "write_uid"):
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE id IN %s AND %s IN %s",
                SQL.identifier(records._table),
                SQL.identifier(column),
                SUPERUSER_ID,
                tuple(records.ids),
                SQL.identifier(column),
                tuple(users),
            )
        )
    records.invalidate_recordset(["create_uid", "write_uid"])
    # what is stored from them (e.g. a disposition's "complaint entered by")
    records.modified(["create_uid", "write_uid"])


def new_track_token():
    return secrets.token_urlsafe(24)


def hidden_reporter_field(string):
    """A field of the hidden reporter shown on the complaint, officers only."""
    return fields.Char(
        string=string,
        compute="_compute_kel_reporter",
        inverse="_inverse_kel_reporter",
        groups=OFFICER,
    )


class KelurahanComplaintPrivacy(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it)."""

    _name = "kelurahan.complaint.privacy"
    _description = "Complaint reporter privacy"

    kel_reporter_id = fields.Many2one(
        "kelurahan.complaint.reporter",
        string="Hidden reporter",
        groups=OFFICER,
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    # Computed, not related: Odoo reads (and sorts, groups, aggregates) a related
    # field through a sudo join, which would skip the field's groups.
    kel_reporter_name = hidden_reporter_field("Reporter (hidden)")
    kel_reporter_phone = hidden_reporter_field("Phone (hidden)")
    kel_reporter_email = hidden_reporter_field("E-mail (hidden)")
    kel_reporter_partner_id = fields.Many2one(
        "res.partner",
        string="Resident account (hidden)",
        compute="_compute_kel_reporter",
        groups=OFFICER,
    )
    kel_track_token = fields.Char(
        string="Tracking token",
        groups=OFFICER,
        copy=False,
        readonly=True,
        index="btree_not_null",
        default=lambda self: new_track_token(),
        help="Proof of access of the private tracking link: it shows the public "
        "timeline of this complaint, nothing else.",
    )

    @api.depends("kel_reporter_id")
    def _compute_kel_reporter(self):
        for ticket in self:
            reporter = ticket.kel_reporter_id
            ticket.kel_reporter_name = reporter.name
            ticket.kel_reporter_phone = reporter.phone
            ticket.kel_reporter_email = reporter.email
            ticket.kel_reporter_partner_id = reporter.partner_id

    def _inverse_kel_reporter(self):
        for ticket in self.filtered("kel_reporter_id"):
            ticket.kel_reporter_id.write(
                {
                    "name": ticket.kel_reporter_name,
                    "phone": ticket.kel_reporter_phone,
                    "email": ticket.kel_reporter_email,
                }
            )

    # ------------------------------------------------------------------
    # Create / write
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        hidden = []
        for vals in vals_list:
            identity = None
            if any(vals.get(flag) for flag in HIDING_FLAGS):
                identity = {f: vals.pop(f) for f in CLEARED_FIELDS if f in vals}
            if (
                identity
                and any(identity.values())
                and vals.get("company_id")
                and not vals.get("team_id")
                and not vals.get("kel_reporter_id")
            ):
                # The kelurahan is known (a team may not move it): the reporter
                # record first, so the complaint is one INSERT, not an INSERT
                # and an UPDATE (issue 22: each runs the summary triggers).
                vals["kel_reporter_id"] = self._kel_new_hidden_reporter(
                    identity, vals["company_id"]
                ).id
                identity = None
            hidden.append(identity)
        tickets = super().create(vals_list)
        for ticket, identity in zip(tickets, hidden, strict=True):
            if identity and any(identity.values()):
                ticket._kel_store_hidden_reporter(identity)
        return tickets

    def write(self, vals):
        if any(flag in vals for flag in HIDING_FLAGS):
            self._kel_check_may_change_hiding()
            before = {ticket.id: ticket._kel_hides_reporter() for ticket in self}
            res = super().write(vals)
            for ticket in self:
                hides = ticket._kel_hides_reporter()
                if hides and not before[ticket.id]:
                    ticket._kel_hide_reporter()
                elif before[ticket.id] and not hides:
                    ticket._kel_reveal_reporter()
            return res
        hidden = self.filtered(lambda t: t._kel_hides_reporter())
        if hidden and any(vals.get(f) for f in IDENTITY_FIELDS):
            hidden._kel_check_may_replace_reporter()
            # Whoever types a reporter on a hidden complaint writes it where only
            # officers can read it, not on the complaint.
            identity = {f: vals[f] for f in CLEARED_FIELDS if f in vals}
            vals = {k: v for k, v in vals.items() if k not in CLEARED_FIELDS}
            for ticket in hidden:
                ticket._kel_store_hidden_reporter(identity)
        return super().write(vals)

    def _kel_check_may_change_hiding(self):
        if self.env.su or self.env.user.has_group(OFFICER):
            return
        raise AccessError(
            self.env._(
                "Only a Petugas Kelurahan or above can make a complaint anonymous or "
                "confidential, or lift it."
            )
        )

    def _kel_check_may_replace_reporter(self):
        """A hidden reporter's contact is where the status mails go: only an
        officer may change one that is recorded (an RW officer may give it)."""
        if self.env.su or self.env.user.has_group(OFFICER):
            return
        # sudo: only whether a reporter is recorded is read (an officer-only field).
        if self.sudo().filtered("kel_reporter_id"):
            raise AccessError(
                self.env._(
                    "Only a Petugas Kelurahan or above can change the reporter of "
                    "an anonymous or confidential complaint."
                )
            )

    # ------------------------------------------------------------------
    # The hidden reporter
    # ------------------------------------------------------------------

    def _kel_hides_reporter(self):
        self.ensure_one()
        return bool(self.is_anonymous or self.is_confidential)

    def _kel_store_hidden_reporter(self, identity):
        """Write ``identity`` (complaint field → value) into the complaint's
        reporter record. sudo: the reporter record is officer-only by design, and
        whoever files or edits the complaint may give its reporter."""
        self.ensure_one()
        ticket = self.sudo()
        if ticket.kel_reporter_id:
            ticket.kel_reporter_id.write(self._kel_reporter_values(identity))
        else:
            reporter = self._kel_new_hidden_reporter(
                identity, ticket.company_id.id or self.env.company.id
            )
            ticket.write({"kel_reporter_id": reporter.id})

    @api.model
    def _kel_reporter_values(self, identity):
        """The reporter record's values of ``identity`` (complaint field → value)."""
        values = {
            IDENTITY_FIELDS[fname]: value
            for fname, value in identity.items()
            if fname in IDENTITY_FIELDS
        }
        if isinstance(values.get("partner_id"), models.BaseModel):
            values["partner_id"] = values["partner_id"].id
        if identity.get("partner_name") and not values.get("name"):
            values["name"] = identity["partner_name"]
        return values

    @api.model
    def _kel_new_hidden_reporter(self, identity, company_id):
        """A new reporter record of ``identity`` in kelurahan ``company_id``.
        sudo: as ``_kel_store_hidden_reporter``."""
        values = dict(self._kel_reporter_values(identity), company_id=company_id)
        return self.env["kelurahan.complaint.reporter"].sudo().create(values)

    def _kel_hide_reporter(self):
        """The complaint became anonymous or confidential: move its reporter into
        the reporter record, out of the complaint, its followers and the authors
        of its messages."""
        self.ensure_one()
        ticket = self.sudo()
        partner = ticket.partner_id
        identity = {fname: ticket[fname] for fname in CLEARED_FIELDS}
        identity["partner_id"] = partner.id
        ticket._kel_store_hidden_reporter(identity)
        ticket.write(dict.fromkeys(CLEARED_FIELDS, False))
        if partner:
            ticket.message_unsubscribe(partner_ids=partner.ids)
        ticket._kel_erase_reporter_traces(partner, identity)
        ticket._kel_note_hiding(hidden=True)

    def _kel_erase_reporter_traces(self, partner, identity):
        """What the chatter and the complaint recorded of a reporter who was named
        before the complaint was hidden, where whoever reads the complaint (an RW
        officer) would find them: the tracked values of the identity fields
        (earlier ones, and the one this change is about to add), the reporter
        among the recipients of messages, their name, phone or e-mail in the
        bodies (the acknowledgement's greeting), and their account as creator or
        last editor. Called on sudo (the reporter is moved, not deleted: it stays
        on the officer-only reporter record)."""
        self.ensure_one()
        fnames = [*CLEARED_FIELDS, "partner_id", "commercial_partner_id"]
        # mail.thread keeps the values tracked in this transaction until the
        # commit (precommit data, see mail.thread._track_prepare): drop ours.
        pending = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {})
        for fname in fnames if pending.get(self.id) else ():
            pending[self.id].pop(fname, None)
        messages = self.message_ids
        self.env["mail.tracking.value"].search(
            [
                ("mail_message_id", "in", messages.ids),
                ("field_id.model", "=", self._name),
                ("field_id.name", "in", fnames),
            ]
        ).unlink()
        if partner:
            messages.filtered(lambda m: partner in m.partner_ids).write(
                {"partner_ids": [Command.unlink(partner.id)]}
            )
            self.env["mail.notification"].search(
                [
                    ("mail_message_id", "in", messages.ids),
                    ("res_partner_id", "=", partner.id),
                ]
            ).unlink()
        self._kel_erase_from_messages(messages, partner, identity)
        users = partner.user_ids.ids if partner else []
        if users:
            self.env.flush_all()
            photos = self.env["ir.attachment"].search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)]
            )
            for records in (self, messages, photos | messages.attachment_ids):
                set_log_users_to_odoobot(records, users)

    def _kel_erase_from_messages(self, messages, partner, identity):
        """The reporter's name, phone or e-mail (whole words) in the bodies of the
        messages become "pelapor"; a message they wrote, or whose sender address
        names them (a reporter without an account, by the tracking link or
        e-mail), gets the neutral author and no sender address."""
        traces = {
            value
            for value in (
                *(
                    identity.get(fname)
                    for fname in IDENTITY_FIELDS
                    if fname != "partner_id"
                ),
                identity.get("partner_name"),
                partner.name if partner else None,
                partner.phone if partner else None,
                partner.email if partner else None,
            )
            if isinstance(value, str) and len(value.strip()) >= 3
        }
        neutral = {"email_from": False, "author_id": self._kel_neutral_author().id}
        if partner:
            messages.filtered(lambda m: m.author_id == partner).write(neutral)
        if not traces:
            return
        label = self.env._("the reporter")
        # whole words only (a short name inside another word stays), as stored:
        # the sanitizer keeps quotes as they are (Ma'ruf), escapes & < >
        patterns = [
            re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            for trace in sorted(traces, key=len, reverse=True)
            for form in {html.escape(trace, quote=False), str(escape(trace))}
        ]
        for message in messages:
            body = str(message.body or "")
            cleaned = body
            for pattern in patterns:
                cleaned = pattern.sub(label, cleaned)
            if cleaned != body:
                message.body = Markup(cleaned)
            sender = message.email_from or ""
            if sender and any(trace.lower() in sender.lower() for trace in traces):
                message.write(neutral)

    def _kel_reveal_reporter(self):
        """Anonymity and confidentiality lifted: the reporter is named again."""
        self.ensure_one()
        ticket = self.sudo()
        reporter = ticket.kel_reporter_id
        if reporter:
            ticket.write(
                {
                    fname: reporter[rfield].id
                    if fname == "partner_id"
                    else reporter[rfield]
                    for fname, rfield in IDENTITY_FIELDS.items()
                }
                | {"kel_reporter_id": False}
            )
            reporter.unlink()
        ticket._kel_note_hiding(hidden=False)

    def _kel_note_hiding(self, hidden):
        body = (
            self.env._("The reporter is now hidden (anonymous or confidential).")
            if hidden
            else self.env._("The reporter is shown again.")
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _kel_neutral_author(self):
        """The author shown on what the reporter of a hidden complaint posts."""
        return self.env.ref("kelurahan_crm.partner_hidden_reporter")

    def _kel_reporter_partner(self):
        """The resident who reported the complaint (their commercial partner),
        hidden or not; empty for a reporter without an account."""
        self.ensure_one()
        ticket = self.sudo()
        partner = ticket.kel_reporter_id.partner_id or ticket.partner_id
        return partner.commercial_partner_id

    def _kel_reporter_author(self):
        """The author of what the reporter posts: the neutral partner on a hidden
        complaint, the current user's partner otherwise."""
        self.ensure_one()
        if self.sudo()._kel_hides_reporter():
            return self._kel_neutral_author()
        return self.env.user.partner_id

    def _kel_reporter_contact(self):
        """(name, e-mail, phone) to reach the reporter, hidden or not. Only for
        sending to the reporter themself, never for display."""
        self.ensure_one()
        ticket = self.sudo()
        reporter = ticket.kel_reporter_id
        if reporter:
            partner = reporter.partner_id
            return (
                reporter.name or partner.name or "",
                reporter.email or partner.email or "",
                reporter.phone or partner.phone or partner.mobile or "",
            )
        partner = ticket.partner_id
        return (
            ticket.reporter_name or ticket.partner_name or partner.name or "",
            partner.email or ticket.partner_email or "",
            ticket.reporter_phone or partner.phone or partner.mobile or "",
        )

    def _kel_as_reporter(self):
        """The complaint in the environment the reporter's own actions (reply,
        rating, dispute) are written with: as OdooBot when the reporter is hidden,
        so that no create/write user or author names them; sudo otherwise (the
        caller checked that the current user is the reporter). Callers flush this
        environment when done: stored computations flushed later, by the request,
        would be written in the resident's name."""
        self.ensure_one()
        if self.sudo()._kel_hides_reporter():
            return self.with_user(SUPERUSER_ID)
        return self.sudo()

    # ------------------------------------------------------------------
    # Tokens
    # ------------------------------------------------------------------

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """Odoo's mail and portal routes (chatter, posting, attachments) reach a
        complaint with the user's own access rights only: no token and no signed
        link (``hash``/``pid``) is accepted for it."""
        for key in ("token", "hash", "pid"):
            kwargs.pop(key, None)
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)

    def _portal_ensure_token(self):
        """No portal.mixin token for complaints: Odoo's mail and portal routes
        accept it (chatter, posting, attachments). Residents sign in; reporters
        without an account get the tracking link (``kel_track_token``). Portal
        links are built without a token."""
        return ""

    def _kel_track_url(self):
        self.ensure_one()
        ticket = self.sudo()
        if not ticket.kel_track_token:
            ticket.kel_track_token = new_track_token()
        return f"{ticket.get_base_url()}/pengaduan/lacak/{ticket.kel_track_token}"

    @api.model
    def _kel_resident_domain(self):
        """The complaints of the current user as a resident: reported by them
        (also hidden, anonymous or confidential ones, through their reporter
        record) or followed, in their companies. For searches as sudo (a hidden
        complaint names nobody, so no record rule can find it for them): the
        domain itself is the access rule.

        The resident's partners (their company's contacts, as ``child_of``
        resolves them), followed complaints and reporter records are lists of ids
        here: a ``child_of`` or a followers sub-query inside the OR would make
        PostgreSQL test every complaint of the province (about a second at a
        million), the lists let it use three indexes."""
        user = self.env.user
        # sudo: ids of the user's own partners, of what they follow and of their
        # hidden-reporter records; only used to select their own complaints.
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        partner_ids = Partner.search(
            [("id", "child_of", user.commercial_partner_id.id)]
        ).ids
        followers = self.env["mail.followers"].sudo()
        followed_ids = followers.search(
            [("res_model", "=", "helpdesk.ticket"), ("partner_id", "in", partner_ids)]
        ).mapped("res_id")
        reporter_ids = (
            self.env["kelurahan.complaint.reporter"]
            .sudo()
            .search([("partner_id", "in", partner_ids)])
            .ids
        )
        return [
            ("company_id", "in", user.company_ids.ids),
            "|",
            "|",
            ("partner_id", "in", partner_ids),
            ("id", "in", followed_ids),
            ("kel_reporter_id", "in", reporter_ids),
        ]
