# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase

from odoo.addons.kelurahan_crm.tests.common import role_user

from .whatsapp_standin import CloudApiStandin

TOKEN = "EAAG-secret-token-7f3a9c"
APP_SECRET = "app-secret-5d8e1b"
VERIFY_TOKEN = "verify-token-2c4f6a"
SECRETS = (TOKEN, APP_SECRET, VERIFY_TOKEN)
RESIDENT = "6281234567890"
WEBHOOK = "/kelurahan/whatsapp/webhook"


class WhatsappCase(HttpCase):
    """A WhatsApp account pointed at a local Cloud API stand-in, which also posts
    signed webhook deliveries to this test's Odoo server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standin = CloudApiStandin(
            phone_number_id="109876543210", token=TOKEN, app_secret=APP_SECRET
        )
        cls.standin.start()
        cls.addClassCleanup(cls.standin.stop)
        cls.standin.webhook_url = cls.base_url() + WEBHOOK
        cls.account = cls.env["kelurahan.whatsapp.account"].create(
            {
                "name": "Test WhatsApp",
                "phone_number_id": cls.standin.phone_number_id,
                "api_base_url": cls.standin.base_url,
                "access_token": TOKEN,
                "app_secret": APP_SECRET,
                "verify_token": VERIFY_TOKEN,
                "timeout": 5,
                "media_max_mb": 1,
            }
        )
        Category = cls.env["helpdesk.ticket.category"]
        cls.category = Category.create({"name": "Jalan rusak (test)", "sequence": 1})
        cls.officer = role_user(cls.env, "wa_officer", "officer", name="Petugas WA")
        cls.rw_user = role_user(cls.env, "wa_rw", "rw")
        cls.admin_user = role_user(cls.env, "wa_admin", "admin")
        cls.Event = cls.env["kelurahan.whatsapp.event"]
        cls.Message = cls.env["kelurahan.whatsapp.message"]
        cls.Conversation = cls.env["kelurahan.whatsapp.conversation"]
        # The usual resident already answered SETUJU to the privacy notice (the
        # notice itself is walked through in test_whatsapp_consent.py).
        cls.agreed(RESIDENT)

    @classmethod
    def agreed(cls, wa_id, name="Ibu Sari"):
        """The conversation of ``wa_id`` after the resident's SETUJU."""
        conversation = cls.Conversation._kel_get(cls.account, wa_id)
        conversation._kel_agree(name)
        return conversation

    def setUp(self):
        super().setUp()
        self.standin.reset()

    # helpers ---------------------------------------------------------------
    def deliver(self, payload, **kwargs):
        status, text, _seconds = self.standin.deliver(payload, **kwargs)
        return status, text

    def run_queue(self):
        """What the crons do in the background, run inline."""
        self.Event._cron_process()
        self.Message._cron_download_media()
        self.Message._cron_send()

    def sent_texts(self, wa_id=RESIDENT):
        texts = []
        for payload in self.standin.sent:
            if payload.get("to") != wa_id:
                continue
            if payload.get("type") == "text":
                texts.append(payload["text"]["body"])
            else:
                params = payload["template"]["components"][0]["parameters"]
                texts.append(params[0]["text"])
        return texts

    def say(self, text=None, wa_id=RESIDENT, **message):
        """The resident sends one message; returns the texts we answered."""
        before = len(self.standin.sent)
        kind = message.pop("kind", "text")
        if kind == "text":
            message["text"] = text
        payload = self.standin.message(wa_id, kind=kind, name="Ibu Sari", **message)
        status, _text = self.deliver(payload)
        self.assertEqual(status, 200)
        self.run_queue()
        return [
            p["text"]["body"] if p.get("type") == "text" else json.dumps(p)
            for p in self.standin.sent[before:]
            if p.get("to") == wa_id
        ]

    def conversation(self, wa_id=RESIDENT):
        return self.Conversation.search([("wa_id", "=", wa_id)])

    def category_number(self, category, wa_id=RESIDENT):
        choices = json.loads(self.conversation(wa_id).choice_ids)
        return str(choices.index(category.id) + 1)

    def report(self, wa_id=RESIDENT, photo=True, media_id="MEDIA-OK"):
        """The whole guided exchange; returns the new complaint."""
        self.say("Halo, mau lapor", wa_id=wa_id)
        self.say(self.category_number(self.category, wa_id), wa_id=wa_id)
        self.say(
            "Jalan berlubang besar di depan sekolah sejak minggu lalu", wa_id=wa_id
        )
        self.say("RW 01 Jl. Melati no. 3", wa_id=wa_id)
        if photo:
            self.standin.add_media(media_id, b"\xff\xd8\xff\xe0fake-jpeg", "image/jpeg")
            self.say(kind="image", media_id=media_id, wa_id=wa_id)
        else:
            self.say("lewati", wa_id=wa_id)
        return self.conversation(wa_id).ticket_id
