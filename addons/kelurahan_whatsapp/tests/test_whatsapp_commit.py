# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The send cron commits each message the API accepted, the same code path as in
production: a worker with a transaction of its own (as ir.cron gives it, with
``cron_id`` in the context) sends, its transaction is then rolled back, and another
cursor still sees the message sent. Rows are committed and removed again."""

from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from .common import TOKEN
from .whatsapp_standin import CloudApiStandin

RESIDENT = "6281299990001"


@tagged("post_install", "-at_install")
class TestWhatsappCommit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standin = CloudApiStandin(phone_number_id="555000111222", token=TOKEN)
        cls.standin.start()
        cls.addClassCleanup(cls.standin.stop)

    def setUp(self):
        super().setUp()
        self.created = []
        self.addCleanup(self._remove)

    def _env(self, **context):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, context)

    def _remove(self):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for model, ids in reversed(self.created):
                env[model].browse(ids).exists().unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _commit_queued(self, count):
        env = self._env()
        account = env["kelurahan.whatsapp.account"].create(
            {
                "name": "Commit test",
                "phone_number_id": self.standin.phone_number_id,
                "api_base_url": self.standin.base_url,
                "access_token": TOKEN,
                "timeout": 5,
            }
        )
        self.created.append((account._name, account.ids))
        conversation = env["kelurahan.whatsapp.conversation"]._kel_get(
            account, RESIDENT
        )
        self.created.append(("res.partner", conversation.partner_id.ids))
        self.created.append((conversation._name, conversation.ids))
        Message = env["kelurahan.whatsapp.message"]
        messages = Message.browse()
        for n in range(count):
            messages |= Message._kel_queue(conversation, f"Pesan uji {n}")
        # after the conversation in `created`: removed before it
        self.created.append((messages._name, messages.ids))
        env.cr.commit()  # pylint: disable=invalid-commit
        return messages.ids

    def _committed_states(self, ids):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["kelurahan.whatsapp.message"].browse(ids).mapped("state")

    def test_cron_run_commits_each_sent_message(self):
        ids = self._commit_queued(2)
        cron = self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_send")
        worker = self._env(cron_id=cron.id)["kelurahan.whatsapp.message"]
        worker._cron_send()
        self.assertEqual(len(self.standin.sent), 2)
        # the worker dies after sending: what the API accepted stays sent
        worker.env.cr.rollback()
        self.assertEqual(self._committed_states(ids), ["sent", "sent"])

    def test_outside_a_cron_the_caller_decides(self):
        ids = self._commit_queued(1)
        worker = self._env()["kelurahan.whatsapp.message"]
        worker._cron_send()
        self.assertEqual(worker.browse(ids).state, "sent")
        worker.env.cr.rollback()
        self.assertEqual(self._committed_states(ids), ["queued"])
