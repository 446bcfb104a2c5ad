# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anyone with a login can pass any context to any RPC call, so no context key may
switch a check off. Every key our addons read is listed here with the reason it
cannot weaken a check; a new key fails this test until it is argued for."""

import re
from pathlib import Path

from odoo.tests import BaseCase, tagged

ADDONS = Path(__file__).resolve().parents[2]
READ = re.compile(
    r"""(?:context\.get\(\s*|context\[\s*|_context\.get\(\s*)["'](\w+)["']"""
    r"""|["'](\w+)["']\s+(?:not\s+)?in\s+[\w.]*context\b"""
)

ALLOWED = {
    "cron_id": "set by ir.cron for a scheduled run: kelurahan.job.mixin then commits "
    "after each row; a commit checks nothing and skips nothing.",
    "fetchmail_cron_running": "helpdesk_mgmt's mail gateway flag: only chooses the "
    "channel (E-mail) of a complaint created without one.",
    "kel_no_followup": "recursion guard of the reporter notification: it can only "
    "leave Tgl TL unset on that post, never set or move a date (dates: Lurah only).",
    "kel_no_notify": "skips reporter notifications, honoured only in a superuser "
    "environment (demo data loading), which no RPC caller has.",
    "kel_ticket_id": "which complaint a button of the duplicates panel acts on; the "
    "action then runs with the caller's own rights on it.",
    "kel_whatsapp_inbound": "marks a complaint created by the WhatsApp conversation "
    "(already answered there): only avoids a second acknowledgement.",
    "kel_whatsapp_no_forward": "keeps an e-mail notification from being forwarded "
    "again as an officer reply: only avoids a duplicate WhatsApp message.",
    "lang": "the display language, written for an anonymous visitor from their own "
    "choice (ir_http.py); it picks translations and formats, no check reads it.",
    "reason_mode": "default mode (reject or revision) of the reason wizard: a UI "
    "default; the wizard's action checks the state and rights itself.",
}


def context_keys_read():
    """{key: [files]} of the context keys read by the addons' code (not tests)."""
    found = {}
    for path in ADDONS.glob("kelurahan_*/**/*.py"):
        if "tests" in path.relative_to(ADDONS).parts:
            continue
        for match in READ.finditer(path.read_text()):
            key = match[1] or match[2]
            found.setdefault(key, []).append(str(path.relative_to(ADDONS)))
    return found


@tagged("post_install", "-at_install")
class TestContextKeys(BaseCase):
    def test_every_context_key_is_argued_for(self):
        found = context_keys_read()
        unlisted = {key: files for key, files in found.items() if key not in ALLOWED}
        self.assertFalse(
            unlisted,
            "Context keys read without a reason in ALLOWED (a context key must "
            f"never switch off a check): {unlisted}",
        )
        stale = set(ALLOWED) - set(found)
        self.assertFalse(stale, f"ALLOWED lists keys no code reads: {stale}")

    def test_the_scan_sees_reads(self):
        """The pattern catches each way of reading a key (a scan that finds
        nothing would pass the test above)."""
        sample = (
            'self.env.context.get("a")\n'
            "self._context.get('b', 1)\n"
            'env.context["c"]\n'
            'if "d" in self.env.context:\n'
        )
        keys = [m[1] or m[2] for m in READ.finditer(sample)]
        self.assertEqual(keys, ["a", "b", "c", "d"])
        self.assertIn("kel_no_notify", context_keys_read())
