# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared pieces of the resident portal: CSRF, the complaint form (parse and
validate before anything is written), the status timeline shown to residents and the
public. Every function reading complaints with sudo returns only the fields listed
in ``public_timeline`` / ``resident_view`` — never reporter data to the public."""

import base64
import re
import time

from odoo import SUPERUSER_ID, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq, plaintext2html
from odoo.tools.misc import format_datetime, hmac

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import image_upload

TITLE_MAX = 120
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 200
NAME_MAX = 100
EMAIL_MAX = 254
REPLY_MAX = 4000
REASON_MAX = 2000
RATING_COMMENT_MAX = 1000
TOKEN_MAX = 64
NUMBER_MAX = 40
FORM_MAX_AGE = 24 * 3600
DEFAULT_MIN_SECONDS = 3
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


class FormError(Exception):
    """Refused input: ``messages`` are shown to the resident, nothing is stored."""

    def __init__(self, messages):
        self.messages = messages if isinstance(messages, list) else [messages]
        super().__init__("; ".join(self.messages))


def page_route(routes, auth, **options):
    """``http.route`` of a complaint page: website layout, no /<lang>/ variants."""
    return http.route(
        routes, type="http", auth=auth, website=True, multilang=False, **options
    )


def form_route(routes, auth):
    """``page_route`` of a posted form whose CSRF token the handler checks itself
    (``check_csrf``), so that a refused form is a page in the visitor's language,
    not Odoo's bare 400."""
    return page_route(routes, auth, methods=["POST"], csrf=False)


def client_address():
    return request.httprequest.remote_addr or "unknown"


def check_csrf(post):
    """Validate the CSRF token of a form posted to a ``csrf=False`` route (so the
    refusal is a clear page in the resident's language, not Odoo's bare 400)."""
    token = post.pop("csrf_token", None)
    if not token or not request.validate_csrf(token):
        raise FormError(
            request.env._(
                "This form has expired or was not sent from this site. Open the page "
                "again and resend it."
            )
        )


def fmt_dt(value):
    if not value:
        return ""
    return format_datetime(
        request.env, value, tz=reader_tz(), dt_format="d MMM yyyy HH:mm"
    )


def reader_tz():
    """The reader's time zone: their own, else the office's. Only the contact's
    time zone is read (not the whole contact, a wide row) when not known yet."""
    user = request.env.user
    user.partner_id.fetch(["tz"])
    return user.tz or request.env.company._kel_tz_name()


def text_field(post, name, label, max_len, required=False, errors=None):
    """A stripped text value, checked for presence and length."""
    value = post.get(name)
    value = value.strip() if isinstance(value, str) else ""
    env = request.env
    if required and not value:
        errors.append(env._("%(field)s is required.", field=label))
    elif len(value) > max_len:
        errors.append(
            env._(
                "%(field)s is too long (at most %(max)s characters).",
                field=label,
                max=max_len,
            )
        )
    return value


def parse_id(value):
    """A positive record id from a form value, or None."""
    if isinstance(value, str):
        value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number if 0 < number < 2**31 else -1


def phone_digits(value):
    return re.sub(r"\D", "", value or "")


# ----------------------------------------------------------------------------
# Complaint form
# ----------------------------------------------------------------------------


def portal_categories():
    """Categories offered on the portal (the same rule as WhatsApp's)."""
    return request.env["helpdesk.ticket.category"]._kel_for_residents(
        request.env.company
    )


def portal_rws():
    """Active RWs of the kelurahan. sudo: visitors without an account cannot read
    RWs; only names and their RTs are shown. The company comes with the search:
    a complaint's creation checks it (one query less per report)."""
    return (
        request.env["kelurahan.rw"]
        .sudo()
        .search_fetch(
            [("company_id", "=", request.env.company.id), ("active", "=", True)],
            ["name", "number", "company_id"],
            order="number",
        )
    )


def keep_values(post):
    """Values typed by the resident, shown again after a refusal."""
    keep = (
        "name",
        "description",
        "location_address",
        "category_id",
        "rw_id",
        "rt_id",
        "reporter_name",
        "reporter_phone",
        "partner_email",
        "is_anonymous",
        "is_confidential",
        "kel_consent",
    )
    return {key: post[key][:5000] for key in keep if isinstance(post.get(key), str)}


def sign_form(timestamp):
    # sudo: reads the database secret to sign the form's time stamp.
    return hmac(request.env(su=True), "kelurahan-report-form", str(timestamp))


def form_values(is_public, values=None, errors=None):
    now = int(time.time())
    user = request.env.user
    defaults = {}
    if not is_public:
        partner = user.partner_id
        defaults = {
            "reporter_phone": partner.phone or partner.mobile or "",
        }
    defaults.update(values or {})
    rws = portal_rws()
    return {
        "page_name": "pengaduan_baru",
        "is_public": is_public,
        "categories": portal_categories(),
        "rws": rws,
        "rts": rws.rt_ids.filtered("active").sorted(
            lambda r: (r.rw_id.number, r.number)
        ),
        "form": defaults,
        "errors": errors or [],
        "form_ts": now,
        "form_sig": sign_form(now),
        "max_photos": image_upload.MAX_FILES,
        "max_mb": image_upload.MAX_BYTES // (1024 * 1024),
        "limits": {
            "title": TITLE_MAX,
            "description": DESCRIPTION_MAX,
            "address": ADDRESS_MAX,
            "name": NAME_MAX,
            "email": EMAIL_MAX,
        },
    }


def _check_form_stamp(post, errors):
    env = request.env
    stamp = post.get("form_ts") or ""
    signature = post.get("form_sig") or ""
    if not stamp.isdigit() or not consteq(sign_form(int(stamp)), signature):
        errors.append(
            env._("The form was changed before sending. Open it again and resend it.")
        )
        return
    age = time.time() - int(stamp)
    # sudo: public visitors cannot read system parameters; only the delay is used.
    minimum = (
        request.env["ir.config_parameter"]
        .sudo()
        .get_param("kelurahan_crm.portal_form_min_seconds", DEFAULT_MIN_SECONDS)
    )
    try:
        minimum = float(minimum)
    except ValueError:
        minimum = DEFAULT_MIN_SECONDS
    if age > FORM_MAX_AGE:
        errors.append(env._("The form has expired. Open it again and resend it."))
    elif age < minimum:
        errors.append(
            env._(
                "The form was sent too quickly. Wait a few seconds and send it again."
            )
        )


def _chosen(value, choices, errors, missing, unknown):
    """The record of ``choices`` picked in a form's select (empty when nothing or
    something not offered was picked, with the matching error)."""
    chosen_id = parse_id(value)
    chosen = choices.filtered(lambda record: record.id == chosen_id)
    if chosen_id is None:
        errors.append(missing)
    elif not chosen:
        errors.append(unknown)
    return chosen


def parse_report(post, files, is_public):
    """Validate a posted complaint form. Returns ``(vals, photos)`` for
    ``create_report``; raises ``FormError`` listing every problem."""
    env = request.env
    errors = []
    _check_form_stamp(post, errors)
    if (post.get("kel_website") or "").strip():
        # Honeypot: a field people never see; only robots fill it in.
        raise FormError(
            env._("Your report could not be accepted. Please try again later.")
        )
    title = text_field(post, "name", env._("Short title"), TITLE_MAX, errors=errors)
    description = text_field(
        post, "description", env._("Description"), DESCRIPTION_MAX, True, errors
    )
    address = text_field(
        post,
        "location_address",
        env._("Address / landmark"),
        ADDRESS_MAX,
        False,
        errors,
    )
    vals = {
        "description": plaintext2html(description) if description else False,
        "name": title or (description[:60] + ("…" if len(description) > 60 else "")),
        "location_address": address or False,
        "is_anonymous": bool(post.get("is_anonymous")),
        "is_confidential": bool(post.get("is_confidential")),
    }
    vals["category_id"] = _chosen(
        post.get("category_id"),
        portal_categories(),
        errors,
        missing=env._("Choose a category."),
        unknown=env._("The chosen category does not exist. Choose another one."),
    ).id
    rw = _chosen(
        post.get("rw_id"),
        portal_rws(),
        errors,
        missing=env._("Choose your RW."),
        unknown=env._("The chosen RW does not exist. Choose another one."),
    )
    vals["rw_id"] = rw.id
    rt_id = parse_id(post.get("rt_id"))
    if rt_id is not None:
        rt = rw.rt_ids.filtered(lambda r: r.id == rt_id and r.active)
        if not rt:
            errors.append(env._("The chosen RT is not in the chosen RW."))
        vals["rt_id"] = rt.id
    _parse_position(post, vals, errors)
    _parse_reporter(post, vals, errors, is_public)
    if errors:
        raise FormError(errors)
    try:
        photos = image_upload.prepare(env, files)
    except UserError as error:
        raise FormError(error.args[0]) from error
    return vals, photos


def _parse_position(post, vals, errors):
    env = request.env
    lat, lon = (
        (post.get("latitude") or "").strip(),
        (post.get("longitude") or "").strip(),
    )
    if not lat and not lon:
        return
    try:
        latitude, longitude = float(lat), float(lon)
        valid = -90 <= latitude <= 90 and -180 <= longitude <= 180
    except ValueError:
        valid = False
    if not valid:
        errors.append(
            env._("The map position is not valid. Take the position again or clear it.")
        )
        return
    # sudo: visitors cannot read the RW boundaries the check may use.
    problem = (
        env["helpdesk.ticket"]
        .sudo()
        ._kel_position_problem(latitude, longitude, env.company)
    )
    if problem:
        errors.append(problem)
        return
    vals["latitude"], vals["longitude"] = latitude, longitude


def _parse_reporter(post, vals, errors, is_public):
    env = request.env
    if not post.get("kel_consent"):
        # No consent to the privacy notice: the report is still taken, as an
        # anonymous one that stores no name, phone or e-mail (consent.py).
        vals["is_anonymous"] = True
        return
    vals["kel_consent_channel"] = "public_form" if is_public else "portal"
    phone = text_field(
        post, "reporter_phone", env._("Phone / WhatsApp"), 30, False, errors
    )
    digits = phone_digits(phone)
    if phone and not 8 <= len(digits) <= 15:
        errors.append(
            env._("The phone number must have 8 to 15 digits, e.g. 0812 3456 7890.")
        )
    if is_public:
        name = text_field(
            post, "reporter_name", env._("Your name"), NAME_MAX, True, errors
        )
        email = text_field(
            post, "partner_email", env._("E-mail"), EMAIL_MAX, False, errors
        )
        if email and not EMAIL_RE.match(email):
            errors.append(env._("The e-mail address is not valid."))
        if not phone and not email:
            errors.append(
                env._(
                    "Give a phone number or an e-mail address so the kelurahan can "
                    "reach you."
                )
            )
        vals.update(
            {
                "reporter_name": name,
                "reporter_phone": phone or False,
                "partner_email": email or False,
            }
        )
    else:
        partner = env.user.partner_id
        vals.update(
            {
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email or False,
                "reporter_name": partner.name,
                "reporter_phone": phone or False,
            }
        )


def create_report(vals, photos):
    """Create the complaint and its photos; returns it as sudo. Residents and
    visitors have no create right on complaints; every value was validated by
    ``parse_report``. An anonymous or confidential complaint is created by OdooBot
    (sudo keeps the visitor as create user), so nothing on it names the reporter."""
    env = request.env
    # The id from ir.model.data's cache: env.ref would also query that it exists.
    channel_id = env["ir.model.data"]._xmlid_to_res_id(
        "kelurahan_crm.channel_portal", raise_if_not_found=False
    )
    vals = dict(
        vals,
        company_id=env.company.id,
        channel_id=channel_id or False,
        user_id=False,
    )
    Ticket = env["helpdesk.ticket"]
    hidden = vals.get("is_anonymous") or vals.get("is_confidential")
    Ticket = Ticket.with_user(SUPERUSER_ID) if hidden else Ticket.sudo()
    consent_channel = vals.pop("kel_consent_channel", None)
    # Followers, the "received" message and the acknowledgement to the reporter
    # follow in the complaint's intake job (helpdesk_ticket_intake.py).
    ticket = Ticket._kel_intake_create(vals)
    if consent_channel:
        ticket._kel_record_consent(channel=consent_channel)
    attach_photos(ticket, photos)
    # Stored computations run now, as OdooBot: flushed at the end of the request
    # they would be written in the visitor's name (write_uid).
    ticket.env.flush_all()
    return ticket


def track_path(ticket_sudo):
    """Path of the private tracking page of a complaint."""
    return f"/pengaduan/lacak/{ticket_sudo.kel_track_token}"


def record_by_token(model, field, token, throttle_kind, field_names=()):
    """The record of ``model`` (sudo) whose ``field`` is ``token``, or None, the
    miss counted against the client under ``throttle_kind``. For private links
    (complaint tracking, queue following): the token is the proof of access, so
    callers show only what its holder may see. Tokens come from
    ``kelurahan_complaint_privacy.new_track_token`` (32 characters).
    ``field_names``: the fields the caller's page reads, fetched with the search
    in one query instead of the record's every column (a speed hint only: any
    other field is still read when used)."""
    record = find_by_token(model, field, token, field_names)
    if not record:
        request.env["kelurahan.portal.throttle"]._kel_hit(
            throttle_kind, client_address()
        )
        return None
    return record


def find_by_token(model, field, token, field_names=()):
    """The record of ``model`` (sudo) whose ``field`` is ``token``, or None; nothing
    counted (``record_by_token`` counts the misses)."""
    record = None
    if token and 20 <= len(token) <= TOKEN_MAX:
        record = (
            request.env[model]
            .sudo()
            .search_fetch([(field, "=", token)], [field, *field_names], limit=1)
        )
    if not record or not consteq(record[field] or "", token):
        return None
    return record


def attach_photos(ticket_sudo, photos, for_message=False):
    """Store prepared photos on the complaint, in the complaint's environment (sudo,
    or OdooBot for a hidden reporter). ``for_message``: as pending attachments,
    which ``message_post`` links to the complaint."""
    res_model, res_id = (
        ("mail.compose.message", 0)
        if for_message
        else ("helpdesk.ticket", ticket_sudo.id)
    )
    Attachment = ticket_sudo.env["ir.attachment"]
    if not photos:
        return Attachment
    return Attachment.create(
        [
            {
                "name": photo["name"],
                "datas": base64.b64encode(photo["raw"]),
                "mimetype": photo["mimetype"],
                "res_model": res_model,
                "res_id": res_id,
            }
            for photo in photos
        ]
    )


# ----------------------------------------------------------------------------
# What residents and the public see
# ----------------------------------------------------------------------------


def public_timeline(ticket_sudo):
    """The public timeline of a complaint (``_kel_public_timeline``), dates in the
    visitor's language and time zone."""
    return ticket_sudo.with_context(lang=request.env.lang)._kel_public_timeline(fmt_dt)


# ----------------------------------------------------------------------------
# The reporter's verdict (rating or dispute), from /my/pengaduan or the tracking link
# ----------------------------------------------------------------------------


def parse_rating(post):
    """(rating, comment) of a posted rating form; raises FormError."""
    env = request.env
    errors = []
    rating = post.get("rating")
    rating = rating.strip() if isinstance(rating, str) else ""
    if rating not in ("1", "2", "3", "4", "5"):
        errors.append(env._("Choose a rating from 1 to 5."))
    comment = text_field(
        post, "rating_comment", env._("Comment"), RATING_COMMENT_MAX, False, errors
    )
    if errors:
        raise FormError(errors)
    return rating, comment


def parse_dispute(post):
    """The reason of a posted dispute form; raises FormError."""
    errors = []
    reason = text_field(
        post, "dispute_reason", request.env._("Reason"), REASON_MAX, True, errors
    )
    if errors:
        raise FormError(errors)
    return reason


def feedback_values(ticket_sudo):
    """What the reporter's pages show of their verdicts and offer as forms."""
    return ticket_sudo.with_context(lang=request.env.lang)._kel_feedback_values(fmt_dt)


# ----------------------------------------------------------------------------
# Portal lists: one page at a time (issue 22)
# ----------------------------------------------------------------------------

PORTAL_PAGE_SIZE = 20


def paged(records, domain, url, page, order, url_args=None):
    """``(records of the page, pager)`` of a portal list: ``records`` (a model, with
    the caller's rights or a sudo the caller justified) searched with ``domain``
    one page of ``PORTAL_PAGE_SIZE`` at a time, in ``order``. ``page`` comes from
    the URL: a page out of range or not a number shows the nearest page."""
    pager = portal_pager(
        url=url,
        url_args=url_args,
        total=records.search_count(domain),
        page=page,
        step=PORTAL_PAGE_SIZE,
    )
    page_records = records.search(
        domain, order=order, limit=PORTAL_PAGE_SIZE, offset=pager["offset"]
    )
    return page_records, pager
