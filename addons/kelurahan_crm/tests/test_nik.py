# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.kelurahan_crm.tools import nik

TODAY = datetime.date(2026, 11, 30)


@tagged("post_install", "-at_install")
class TestNikStructure(BaseCase):
    def test_valid_man_and_woman(self):
        # Jakarta Timur (31 74), Kec. Makasar (05); 12-08-1990, serial 0001.
        self.assertIsNone(nik.check("3174051208900001", TODAY))
        self.assertFalse(nik.is_female("3174051208900001"))
        # Same date for a woman: day 12 + 40 = 52.
        self.assertIsNone(nik.check("3174055208900002", TODAY))
        self.assertTrue(nik.is_female("3174055208900002"))
        self.assertEqual(
            nik.birth_date("3174055208900002", TODAY), datetime.date(1990, 8, 12)
        )

    def test_separators_are_ignored(self):
        self.assertIsNone(nik.check("3174 0512 0890 0001", TODAY))
        self.assertIsNone(nik.check("3174.0512.0890-0001", TODAY))

    def test_century_is_never_in_the_future(self):
        self.assertEqual(
            nik.birth_date("3174050101100001", TODAY), datetime.date(2010, 1, 1)
        )
        self.assertEqual(
            nik.birth_date("3174050101300001", TODAY), datetime.date(1930, 1, 1)
        )

    def test_refusals(self):
        cases = {
            "317405120890000": "length",  # 15 digits
            "31740512089000011": "length",  # 17 digits
            "31740512089O0001": "length",  # letter O
            "": "length",
            "9974051208900001": "province",
            "3100051208900001": "region",
            "3174001208900001": "region",
            "3174053208900001": "date",  # day 32
            "3174057208900001": "date",  # day 72 (woman 32)
            "3174051213900001": "date",  # month 13
            "3174053002900001": "date",  # 30 February
            "3174051208900000": "serial",
        }
        for value, reason in cases.items():
            with self.subTest(value=value):
                self.assertEqual(nik.check(value, TODAY), reason)

    def test_leap_day(self):
        self.assertIsNone(nik.check("3174052902000001", TODAY))  # 29-02-2000
        self.assertEqual(nik.check("3174052902010001", TODAY), "date")  # 2001

    def test_mask(self):
        self.assertEqual(nik.mask("3174051208900001"), "3174********0001")
        self.assertEqual(nik.mask("1234"), "****")
        self.assertEqual(nik.mask(False), "")


@tagged("post_install", "-at_install")
class TestNikMessages(TransactionCase):
    def test_message_in_indonesian(self):
        env_id = self.env(context=dict(self.env.context, lang="id_ID"))
        self.assertEqual(
            nik.error_message(env_id, "123"), "NIK harus terdiri dari tepat 16 digit."
        )
        self.assertIsNone(nik.error_message(env_id, "3174051208900001"))
