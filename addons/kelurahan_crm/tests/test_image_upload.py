# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The photo checks used by the portal, without HTTP: content sniffing, size, count,
decompression bombs, resizing, metadata removal."""

import io

from PIL import Image
from werkzeug.datastructures import FileStorage

from odoo.exceptions import UserError
from odoo.tests import TransactionCase

from ..tools import image_upload
from .portal_case import make_image


def upload(data, name="foto.jpg"):
    return FileStorage(stream=io.BytesIO(data), filename=name)


class TestImageUpload(TransactionCase):
    def test_sniff_by_content_not_name(self):
        self.assertEqual(image_upload.sniff(make_image("PNG", (4, 4))), "PNG")
        self.assertEqual(image_upload.sniff(make_image("WEBP", (4, 4))), "WEBP")
        self.assertEqual(image_upload.sniff(make_image("JPEG", (4, 4))), "JPEG")
        self.assertIsNone(image_upload.sniff(b"GIF89a" + b"\0" * 10))
        self.assertIsNone(image_upload.sniff(b"RIFF\0\0\0\0WAVE"))
        png_named_jpg = image_upload.prepare(self.env, [upload(make_image("PNG"))])
        self.assertEqual(png_named_jpg[0]["mimetype"], "image/jpeg")
        self.assertTrue(png_named_jpg[0]["name"].endswith(".jpg"))

    def test_resize_keeps_ratio_and_transparency(self):
        image = Image.new("RGBA", (3200, 1600), (0, 0, 0, 0))
        out = io.BytesIO()
        image.save(out, "PNG")
        [photo] = image_upload.prepare(self.env, [upload(out.getvalue(), "t.png")])
        self.assertEqual(photo["mimetype"], "image/png")
        self.assertEqual(Image.open(io.BytesIO(photo["raw"])).size, (1600, 800))
        [webp] = image_upload.prepare(
            self.env, [upload(make_image("WEBP", (2000, 2000)), "w.webp")]
        )
        self.assertEqual(webp["mimetype"], "image/webp")
        self.assertEqual(Image.open(io.BytesIO(webp["raw"])).size, (1600, 1600))

    def test_decompression_bomb_refused(self):
        bomb = Image.new("1", (12000, 12000))
        out = io.BytesIO()
        bomb.save(out, "PNG")
        self.assertLess(len(out.getvalue()), image_upload.MAX_BYTES)
        with self.assertRaisesRegex(UserError, "not a readable photo"):
            image_upload.prepare(self.env, [upload(out.getvalue(), "bom.png")])

    def test_limits(self):
        small = make_image(size=(10, 10))
        with self.assertRaises(UserError):
            image_upload.prepare(self.env, [upload(small)] * 6)
        with self.assertRaises(UserError):
            image_upload.prepare(self.env, [upload(small)] * 2, already=4)
        with self.assertRaises(UserError):
            image_upload.prepare(
                self.env, [upload(small + b"\0" * image_upload.MAX_BYTES)]
            )
        self.assertEqual(image_upload.prepare(self.env, [upload(b"", "")]), [])
