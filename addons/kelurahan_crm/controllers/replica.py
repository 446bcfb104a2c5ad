# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public pages read from a PostgreSQL read replica (Odoo's ``db_replica_host``,
README "Scaling"): what a route declared ``readonly`` needs when the replica is
behind the primary by a few moments.

Odoo serves a ``readonly`` route on a replica cursor and, when the route writes
anyway, rolls back and serves it again on the primary with a warning ("retrying
with a read/write cursor"). Our read-only routes never count on that: their only
writes (rate-limit rows) go to the primary themselves
(``kelurahan.portal.throttle._kel_hit``), and a page about something the visitor
has just written reads the primary (``reads_own_writes``, ``on_primary``)."""

import logging

from odoo.http import Response, request

_logger = logging.getLogger(__name__)


def reads_own_writes(*markers):
    """``readonly`` of a route whose page follows a write of the visitor: the
    replica, unless the query string carries one of ``markers`` (set by the
    redirect after the write, e.g. ``?baru=1`` after a report), then the primary,
    which already has what the visitor just wrote."""

    def readonly(_controller):
        readonly = not any(marker in request.httprequest.args for marker in markers)
        _logger.debug("%s: cursor readonly=%s", request.httprequest.path, readonly)
        return readonly

    return readonly


def on_primary(handler):
    """``handler()``'s page, read and rendered on the primary database when the
    request runs on the replica (as Odoo's own ``res.device`` log does: end the
    replica's transaction, open a read/write cursor). For a record the replica does
    not have yet; on the primary already, ``handler()`` is simply called."""
    env = request.env
    if not env.cr.readonly:
        return handler()
    website = getattr(request, "website", None)
    env.cr.rollback()
    with env.registry.cursor() as cr:
        request.env = env(cr=cr)
        if website is not None:
            request.website = website.with_env(request.env)
        try:
            response = handler()
            if isinstance(response, Response):
                response.flatten()  # render now, while the primary's cursor is open
            return response
        finally:
            request.env = env
            if website is not None:
                request.website = website
