# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Photos uploaded by residents: checked by content, resized and re-encoded.

Only JPEG, PNG and WebP are accepted, recognised by their first bytes (never by the
file name or the browser's content type), then decoded by Pillow: a file that only
looks like an image is refused. Every accepted photo is re-encoded, which drops
EXIF metadata (the phone's GPS position, the owner's name) and anything appended to
the image, and is resized so its longest side is at most ``MAX_SIDE`` pixels.

``prepare(env, files)`` validates every file first and raises ``UserError`` with a
message for the resident; the caller stores nothing when it raises.
"""

import io
import warnings

from PIL import Image, ImageOps, WebPImagePlugin  # noqa: F401 (see below)

from odoo.exceptions import UserError

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
MAX_PIXELS = 50_000_000  # decompression-bomb guard (a 10 MB PNG can hold more)
JPEG_QUALITY = 80
WEBP_QUALITY = 80

# Odoo registers only a few Pillow plugins (odoo/tools/image.py); importing
# WebPImagePlugin above registers WebP for decoding and encoding.

# (format name, mimetype, extension) per recognised signature
KINDS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def sniff(head):
    """The image format from the first bytes of a file, or None."""
    if head[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _read_limited(storage):
    """The bytes of an uploaded file, reading at most MAX_BYTES + 1."""
    stream = getattr(storage, "stream", storage)
    return stream.read(MAX_BYTES + 1)


def _base_name(filename):
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = name.rsplit(".", 1)[0] if "." in name else name
    name = "".join(ch for ch in name if ch.isalnum() or ch in "-_ ").strip()
    return (name or "foto")[:60]


def _decode(env, data, kind, filename):
    """Open and fully decode the image; refuse what Pillow cannot read."""
    refused = UserError(
        env._(
            "The file %(name)s is not a readable photo. Send a JPEG, PNG or WebP "
            "photo.",
            name=filename,
        )
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format != kind:
                raise refused
            if image.width * image.height > MAX_PIXELS:
                raise refused
            image.load()
    except UserError:
        raise
    except Exception as error:
        raise refused from error
    return image


def _encode(image, kind):
    """Resize to MAX_SIDE and re-encode without metadata. Returns (bytes, kind)."""
    image = ImageOps.exif_transpose(image)
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    out = io.BytesIO()
    if kind == "PNG" and has_alpha:
        image.save(out, format="PNG", optimize=True)
    elif kind == "WEBP":
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.save(out, format="WEBP", quality=WEBP_QUALITY)
    else:
        # JPEG, and PNG photos without transparency: JPEG is 5-10x smaller.
        kind = "JPEG"
        image.convert("RGB").save(
            out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
    return out.getvalue(), kind


def prepare(env, files, already=0):
    """Validate and shrink uploaded photos.

    :param files: werkzeug ``FileStorage`` objects (empty file inputs are ignored)
    :param already: photos already attached, counted against MAX_FILES
    :return: list of dicts ``{"name", "raw", "mimetype"}`` ready for ir.attachment
    :raise UserError: with a message for the resident; nothing must be stored then
    """
    files = [f for f in files if f is not None and (f.filename or "").strip()]
    if len(files) + already > MAX_FILES:
        raise UserError(
            env._(
                "At most %(max)s photos per complaint. Remove some photos and try "
                "again.",
                max=MAX_FILES,
            )
        )
    decoded = []
    for storage in files:
        filename = _base_name(storage.filename)
        data = _read_limited(storage)
        if len(data) > MAX_BYTES:
            raise UserError(
                env._(
                    "The photo %(name)s is larger than %(size)s MB.",
                    name=filename,
                    size=MAX_BYTES // (1024 * 1024),
                )
            )
        if not data:
            raise UserError(env._("The file %(name)s is empty.", name=filename))
        kind = sniff(data[:16])
        if not kind:
            raise UserError(
                env._(
                    "The file %(name)s is not a photo. Only JPEG, PNG and WebP "
                    "photos are accepted.",
                    name=filename,
                )
            )
        decoded.append((filename, _decode(env, data, kind, filename), kind))
    result = []
    for filename, image, kind in decoded:
        raw, kind = _encode(image, kind)
        mimetype, ext = KINDS[kind]
        result.append({"name": f"{filename}.{ext}", "raw": raw, "mimetype": mimetype})
    return result
