# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Uploaded documents are recognised by their content (magic bytes), never by the file
name or the type the browser claims."""

from odoo.exceptions import ValidationError

ALLOWED = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
DEFAULT_MAX_MB = 5


def sniff(data):
    """The mimetype of ``data`` when it is a PDF, JPEG or PNG, else None."""
    for magic, mimetype, _ext in ALLOWED:
        if data[: len(magic)] == magic:
            return mimetype
    return None


def max_bytes(env):
    # sudo: a configuration value, read for residents who cannot read settings.
    value = (
        env["ir.config_parameter"].sudo().get_param("kelurahan_service.upload_max_mb")
    )
    try:
        megabytes = float(value) if value else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def check_upload(env, filename, data):
    """Return the mimetype of an acceptable upload; raise ValidationError otherwise."""
    if not data:
        raise ValidationError(
            env._("The file %(name)s is empty.", name=filename or "-")
        )
    limit = max_bytes(env)
    if len(data) > limit:
        raise ValidationError(
            env._(
                "The file %(name)s is too large (%(size)s MB); the limit is "
                "%(limit)s MB.",
                name=filename or "-",
                size=round(len(data) / 1048576, 1),
                limit=round(limit / 1048576, 1),
            )
        )
    mimetype = sniff(data)
    if not mimetype:
        raise ValidationError(
            env._(
                "The file %(name)s is not a PDF, JPEG or PNG file. Scan or photograph "
                "the document and upload it in one of these formats.",
                name=filename or "-",
            )
        )
    return mimetype
