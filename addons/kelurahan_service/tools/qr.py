# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""QR codes embedded in reports as data URIs (the PDF renderer fetches nothing)."""

import base64
import io

import qrcode


def data_uri(value, box_size=6):
    # border=4: the quiet zone the QR standard requires; with less, scanners
    # (phones, and OpenCV in the tests) sometimes miss the code next to text.
    image = qrcode.make(value, border=4, box_size=box_size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
