"""Evidence files of a progress report, checked before they are stored.

A picture is checked and re-encoded the way initiatives treat theirs (EXIF and GPS dropped, a polyglot
file becomes plain pixels); a PDF must be a PDF (its header and trailer), at most 5 MB, and carry no
script, launch action or embedded file, which a reader's viewer could run. Neither keeps the sender's
file name: a random one is given.
"""

import re
import secrets
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2400
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|OpenAction|AA)\b")


def checked(upload) -> tuple[str, ContentFile]:
    """A safe name and content for the upload; ValidationError says what is wrong with it."""
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB: choose a smaller one."), code="too_big")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return _checked_pdf(upload)
    return _checked_image(upload)


def _checked_pdf(upload) -> tuple[str, ContentFile]:
    content = upload.read()
    upload.seek(0)
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("This PDF file is damaged or incomplete."), code="invalid")
    if ACTIVE_PDF.search(content):
        raise ValidationError(
            _("This PDF file contains scripts, actions or attached files: send a plain PDF."), code="active"
        )
    return f"{secrets.token_hex(8)}.pdf", ContentFile(content)


def _checked_image(upload) -> tuple[str, ContentFile]:
    not_readable = ValidationError(_("Send a PDF file or a JPEG, PNG, WebP or GIF image."), code="format")
    try:
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise not_readable
            if image.size[0] * image.size[1] > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            image.verify()
        upload.seek(0)
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original).convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise not_readable from error
    finally:
        upload.seek(0)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return f"{secrets.token_hex(8)}.jpg", ContentFile(buffer.getvalue())
