# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import NO_MAIL, keep_maps_offline

QUICK_VIEW = "kelurahan_crm.kelurahan_complaint_view_form_quick"
# A tiny valid PNG (1x1 pixel).
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


class ComplaintUiCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        ref = cls.env.ref
        cls.rw01 = ref("kelurahan_crm.rw_01")
        cls.rw02 = ref("kelurahan_crm.rw_02")
        cls.rw_user = new_test_user(
            cls.env,
            login="quick_rw",
            groups="kelurahan_crm.group_kelurahan_rw",
            tz="Asia/Jakarta",
        )
        cls.rw_user.kel_rw_ids = cls.rw01
        cls.officer = new_test_user(
            cls.env,
            login="quick_officer",
            groups="kelurahan_crm.group_kelurahan_officer",
            tz="Asia/Jakarta",
        )
        cls.balai = ref("kelurahan_crm.channel_balai_rw")
        cls.category = ref("kelurahan_crm.category_pju")


@tagged("post_install", "-at_install")
class TestQuickReport(ComplaintUiCase):
    """The RW post's quick form: defaults, limits, photo, refusals."""

    def _quick_form(self, user):
        Ticket = self.env["helpdesk.ticket"].with_user(user)
        action = Ticket._kel_action_quick_report()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        form = Form(Ticket.with_context(**action["context"]), view=QUICK_VIEW)
        # The resident agreed to the privacy notice the officer read out (the
        # reporter fields open only then; test_pdp_consent covers the refusal).
        form.kel_notice_ack = True
        return form

    def test_rw_officer_quick_report(self):
        form = self._quick_form(self.rw_user)
        self.assertEqual(form.channel_id, self.balai)
        self.assertEqual(form.rw_id, self.rw01, "Their only RW is preselected")
        form.reporter_name = "Pak Darto"
        form.reporter_phone = "081234567890"
        form.category_id = self.category
        form.name = "Lampu jalan mati"
        form.rt_id = self.rw01.rt_ids[0]
        form.location_address = "Jl. Swadaya No. 5"
        form.kel_description_text = "Lampu mati sejak tiga hari."
        form.kel_photo = PNG
        ticket = form.save()
        ticket = ticket.sudo()
        self.assertEqual(ticket.channel_id, self.balai)
        self.assertEqual(ticket.rw_id, self.rw01)
        self.assertEqual(ticket.create_uid, self.rw_user)
        self.assertEqual(ticket.kel_state, "new", "Lands in the office queue")
        self.assertTrue(ticket.number.startswith("ADU/"))
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(photos), 1)
        self.assertEqual(photos.mimetype, "image/png")

    def test_description_round_trips_as_plain_text(self):
        """The phone's text box gives HTML paragraphs to the office form and the
        same text back to the quick form: no ``<p>`` tags shown to the RW officer."""
        text = "Lampu mati sejak tiga hari.\nDi depan musala <RT 03> & pos ronda."
        form = self._quick_form(self.rw_user)
        form.reporter_name = "Pak Darto"
        form.category_id = self.category
        form.name = "Lampu jalan mati"
        form.kel_description_text = text
        ticket = form.save()
        self.assertEqual(
            str(ticket.description),
            "<p>Lampu mati sejak tiga hari.<br>"
            "Di depan musala &lt;RT 03&gt; &amp; pos ronda.</p>",
        )
        reopened = Form(ticket, view=QUICK_VIEW)
        self.assertEqual(reopened.kel_description_text, text)
        reopened.kel_description_text = "Sudah diperbaiki?\nBelum."
        reopened.save()
        self.assertEqual(str(ticket.description), "<p>Sudah diperbaiki?<br>Belum.</p>")
        self.assertEqual(ticket.kel_description_text, "Sudah diperbaiki?\nBelum.")

    def test_quick_form_pickers_stay_on_the_page(self):
        """Category, RW and RT are small sets: native pickers and radio buttons,
        not Many2one search dialogs (full-screen on a phone)."""
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_views(
                [(self.env.ref(QUICK_VIEW).id, "form")]
            )["views"]["form"]["arch"]
        )
        widgets = {
            name: arch.xpath(f"//field[@name='{name}']")[0].get("widget")
            for name in ("category_id", "rw_id", "rt_id", "kel_description_text")
        }
        self.assertEqual(
            widgets,
            {
                "category_id": "selection",
                "rw_id": "radio",
                "rt_id": "selection",
                "kel_description_text": None,
            },
        )
        self.assertFalse(arch.xpath("//field[@name='description']"))

    def test_quick_form_limits_rw_choice(self):
        action = (
            self.env["helpdesk.ticket"]
            .with_user(self.rw_user)
            ._kel_action_quick_report()
        )
        self.assertEqual(action["context"]["kel_rw_ids"], self.rw01.ids)
        action = (
            self.env["helpdesk.ticket"]
            .with_user(self.officer)
            ._kel_action_quick_report()
        )
        self.assertIn(self.rw02.id, action["context"]["kel_rw_ids"])
        self.assertFalse(action["context"]["default_rw_id"])

    def test_rw_officer_cannot_report_for_other_rw(self):
        form = self._quick_form(self.rw_user)
        form.reporter_name = "Bu Sari"
        form.category_id = self.category
        form.name = "Sampah"
        form.kel_description_text = "Sampah menumpuk"
        form.rw_id = self.rw02
        with self.assertRaises(AccessError):
            form.save()
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("reporter_name", "=", "Bu Sari")])
        )

    def test_quick_form_requires_what_and_where(self):
        form = self._quick_form(self.rw_user)
        form.reporter_name = "Pak Darto"
        form.name = "Lampu"
        form.kel_description_text = "Mati"
        before = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaisesRegex(AssertionError, "category_id is a required field"):
            form.save()  # no category: the form refuses before any write
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)

    def test_portal_user_has_no_quick_form(self):
        portal = new_test_user(
            self.env, login="quick_portal", groups="base.group_portal"
        )
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(portal).create(
                {
                    "name": "x",
                    "description": "x",
                    "category_id": self.category.id,
                    "rw_id": self.rw01.id,
                }
            )


@tagged("post_install", "-at_install")
class TestComplaintViews(ComplaintUiCase):
    """The officer's complaint views load for every role and show the fields."""

    def test_views_load_for_each_role(self):
        for user in (self.rw_user, self.officer):
            Ticket = self.env["helpdesk.ticket"].with_user(user)
            views = Ticket.get_views(
                [
                    (False, "list"),
                    (False, "form"),
                    (False, "kanban"),
                    (False, "calendar"),
                    (False, "pivot"),
                    (False, "graph"),
                    (False, "search"),
                ]
            )
            form = views["views"]["form"]["arch"]
            self.assertIn('name="date_followup"', form)
            self.assertIn('name="disposition_ids"', form)
        list_arch = views["views"]["list"]["arch"]
        for name in ("number", "date_reported", "category_id", "rw_id", "channel_id"):
            self.assertIn(f'name="{name}"', list_arch)

    def test_search_filters_run(self):
        """Every filter of the search view (except the client-side date ones) is a
        valid domain for an officer and finds what it says."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.officer)
        arch = Ticket.get_views([(False, "search")])["views"]["search"]["arch"]
        filters = {
            node.get("name"): safe_eval(node.get("domain"), {"uid": self.officer.id})
            for node in etree.fromstring(arch).iter("filter")
            if node.get("domain") and "context_today" not in node.get("domain")
        }
        # "mytickets" and "open" are helpdesk_mgmt's filters, relabelled / redefined.
        for name in ("overdue", "mytickets", "open", "anonymous", "state_done"):
            self.assertIn(name, filters)
        for domain in filters.values():
            Ticket.search_count(domain)  # raises on a wrong field or operator
        overdue = Ticket.search(filters["overdue"])
        self.assertTrue(overdue)
        self.assertTrue(all(overdue.mapped("is_overdue")))
        done = Ticket.search(filters["state_done"])
        self.assertEqual(set(done.mapped("kel_state")), {"done"})

    def test_dates_editable_by_lurah_only(self):
        """Officers see the dates read-only on an existing complaint (the model
        refuses their corrections); the Lurah may correct them."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Jalan berlubang",
                "description": "Lubang",
                "category_id": self.category.id,
                "rw_id": self.rw01.id,
                "date_reported": fields.Datetime.now() - timedelta(days=3),
            }
        )
        form = Form(ticket.with_user(self.officer))
        for name in ("date_reported", "date_followup", "date_done"):
            self.assertTrue(form._get_modifier(name, "readonly"), name)
        lurah = new_test_user(
            self.env,
            login="ui_lurah",
            groups="kelurahan_crm.group_kelurahan_lurah",
            tz="Asia/Jakarta",
        )
        form = Form(ticket.with_user(lurah))
        form.date_reported = fields.Datetime.now() - timedelta(days=4)
        form.save()
        new = Form(self.env["helpdesk.ticket"].with_user(self.officer))
        self.assertFalse(new._get_modifier("date_reported", "readonly"))

    def test_durations_average_in_reports(self):
        Ticket = self.env["helpdesk.ticket"]
        for name in ("response_days", "resolution_days", "response_hours"):
            self.assertEqual(Ticket._fields[name].aggregator, "avg")
            self.assertTrue(Ticket._fields[name].store)

    def test_form_shows_timeline_for_officer(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Jalan berlubang",
                    "description": "Lubang besar",
                    "category_id": self.env.ref(
                        "kelurahan_crm.category_jalan_rusak"
                    ).id,
                    "rw_id": self.rw02.id,
                    "date_reported": fields.Datetime.now() - timedelta(days=2),
                }
            )
        )
        with Form(ticket) as form:
            self.assertTrue(form.deadline_followup)
            form.stage_id = self.env.ref("kelurahan_crm.stage_verify")
        self.assertFalse(ticket.date_followup, "Verification is no follow-up")
        with Form(ticket) as form:
            form.stage_id = self.env.ref("kelurahan_crm.stage_progress")
        self.assertTrue(ticket.date_followup, "Follow-up date set by the workflow")


@tagged("post_install", "-at_install")
class TestMenus(ComplaintUiCase):
    """Each role sees the Kelurahan menus it needs, and one complaint app only."""

    def _visible(self, user):
        Menu = self.env["ir.ui.menu"].with_user(user)
        visible = Menu.browse(Menu._visible_menu_ids())
        return {m.get_external_id()[m.id] for m in visible}

    def test_menus_per_role(self):
        common = {
            "kelurahan_crm.kelurahan_root_menu",
            "kelurahan_crm.kelurahan_complaint_all_menu",
            "kelurahan_crm.kelurahan_complaint_open_menu",
            "kelurahan_crm.kelurahan_complaint_overdue_menu",
            "kelurahan_crm.kelurahan_complaint_quick_menu",
            "kelurahan_crm.kelurahan_dashboard_menu",
        }
        for user in (self.rw_user, self.officer):
            visible = self._visible(user)
            self.assertLessEqual(common, visible)
            self.assertNotIn("kelurahan_crm.kelurahan_config_menu", visible)
            self.assertNotIn("helpdesk_mgmt.helpdesk_ticket_main_menu", visible)
        admin = new_test_user(
            self.env, login="menu_admin", groups="kelurahan_crm.group_kelurahan_admin"
        )
        visible = self._visible(admin)
        for xmlid in (
            "kelurahan_config_menu",
            "kelurahan_config_category_menu",
            "kelurahan_config_channel_menu",
            "kelurahan_config_stage_menu",
            "kelurahan_config_rw_menu",
            "kelurahan_config_agency_menu",
            "kelurahan_config_calendar_menu",
        ):
            self.assertIn(f"kelurahan_crm.{xmlid}", visible)

    def test_menu_names_in_indonesian(self):
        Menu = self.env["ir.ui.menu"].with_context(lang="id_ID")
        names = {
            "kelurahan_complaint_menu": "Pengaduan",
            "kelurahan_complaint_all_menu": "Semua",
            "kelurahan_complaint_open_menu": "Perlu Tindak Lanjut",
            "kelurahan_complaint_overdue_menu": "Terlambat",
            "kelurahan_dashboard_menu": "Dasbor",
            "kelurahan_config_menu": "Konfigurasi",
            "kelurahan_config_category_menu": "Kategori",
            "kelurahan_config_channel_menu": "Kanal",
            "kelurahan_config_stage_menu": "Tahapan",
            "kelurahan_config_rw_menu": "RW/RT",
            "kelurahan_config_agency_menu": "Instansi",
            "kelurahan_config_calendar_menu": "Kalender",
            "kelurahan_complaint_quick_menu": "Lapor Cepat (RW)",
        }
        for xmlid, name in names.items():
            menu = Menu.browse(self.env.ref(f"kelurahan_crm.{xmlid}").id)
            self.assertEqual(menu.name, name)

    def test_config_views_load(self):
        admin = new_test_user(
            self.env, login="cfg_admin", groups="kelurahan_crm.group_kelurahan_admin"
        )
        for model in (
            "kelurahan.rw",
            "kelurahan.agency",
            "helpdesk.ticket.category",
            "helpdesk.ticket.channel",
            "helpdesk.ticket.stage",
        ):
            views = (
                self.env[model]
                .with_user(admin)
                .get_views([(False, "list"), (False, "form")])
            )
            self.assertIn("<form", views["views"]["form"]["arch"])
        arch = self.env["helpdesk.ticket.category"].get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn('name="followup_days"', arch)


@tagged("post_install", "-at_install")
class TestDuplicatesPanel(ComplaintUiCase):
    """The link / merge buttons of the form's duplicates panel."""

    def test_link_and_merge_from_panel(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.officer)
        vals = {
            "name": "Sampah menumpuk",
            "description": "Sampah di Jl. Sawo",
            "category_id": self.env.ref("kelurahan_crm.category_sampah").id,
            "rw_id": self.rw02.id,
            "rt_id": self.rw02.rt_ids[0].id,
            "reporter_name": "Warga",
        }
        # create() fills the number into the dict it gets: pass copies.
        first = Ticket.create(dict(vals))
        second = Ticket.create(dict(vals))
        self.assertIn(first, second.duplicate_candidate_ids)
        arch = Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("action_kel_link_to_this", arch)
        first.with_context(kel_ticket_id=second.id).action_kel_link_to_this()
        self.assertEqual(second.duplicate_of_id, first)
        self.assertEqual(first.support_count, 2)
        self.assertNotIn(second.kel_state, ("done", "rejected"), "Linked stays open")
        third = Ticket.create(dict(vals))
        first.with_context(kel_ticket_id=third.id).action_kel_merge_into_this()
        self.assertEqual(third.duplicate_of_id, first)
        self.assertEqual(third.kel_state, "rejected")
        self.assertEqual(first.support_count, 3)

    def test_panel_button_without_complaint_refused(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.officer)
            .create(
                {
                    "name": "x",
                    "description": "x",
                    "category_id": self.category.id,
                    "rw_id": self.rw01.id,
                }
            )
        )
        with self.assertRaises(UserError):
            ticket.action_kel_link_to_this()


@tagged("post_install", "-at_install")
class TestComplaintTours(HttpCase):
    """Officer and RW flows in Chromium."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        keep_maps_offline(cls.env)
        env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        cls.officer = new_test_user(
            env,
            login="tour_officer",
            groups="kelurahan_crm.group_kelurahan_officer",
            tz="Asia/Jakarta",
        )
        cls.rw_user = new_test_user(
            env,
            login="tour_rw",
            groups="kelurahan_crm.group_kelurahan_rw",
            tz="Asia/Jakarta",
        )
        cls.rw_user.kel_rw_ids = env.ref("kelurahan_crm.rw_01")
        cls.ticket = env["helpdesk.ticket"].create(
            {
                "name": "TOUR lampu jalan mati",
                "description": "Lampu mati di Jl. Swadaya",
                "category_id": env.ref("kelurahan_crm.category_pju").id,
                "rw_id": env.ref("kelurahan_crm.rw_01").id,
                "date_reported": fields.Datetime.now() - timedelta(days=20),
                "reporter_name": "Pak Tour",
                "user_id": False,
            }
        )

    def test_officer_follows_up_overdue_complaint(self):
        self.assertTrue(self.ticket.is_overdue)
        self.start_tour(
            "/odoo/pengaduan", "kelurahan_complaint_officer", login="tour_officer"
        )
        self.assertEqual(self.ticket.kel_state, "progress")
        self.assertTrue(self.ticket.date_followup)
        self.assertEqual(self.ticket.user_id, self.officer)

    def test_rw_quick_report_on_phone(self):
        self.browser_size = "360x740"
        self.touch_enabled = True
        self.start_tour("/odoo/lapor-cepat", "kelurahan_quick_report", login="tour_rw")
        ticket = self.env["helpdesk.ticket"].search(
            [("reporter_name", "=", "Ibu Tour Ponsel")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            ticket.channel_id, self.env.ref("kelurahan_crm.channel_balai_rw")
        )
        self.assertEqual(ticket.rw_id, self.env.ref("kelurahan_crm.rw_01"))
        # the officer recorded the resident's agreement to the privacy notice
        self.assertEqual(ticket.kel_consent_ids.channel, "rw_form")

    def test_dashboard_loads(self):
        self.start_tour(
            "/odoo/dasbor-kelurahan", "kelurahan_dashboard", login="tour_officer"
        )
