"""An uploaded picture (an initiative's, a learning resource's): checked to be a real image, re-encoded
(which drops EXIF, GPS included), and a small thumbnail made for lists and cards.

Nothing the uploader sent is stored as is: not the bytes (a polyglot file stays a file of pixels once
re-encoded), not the name (a random one is given), not the metadata.
"""

import secrets
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MAX_SIDE = 1600  # the stored image is at most this wide or high
THUMBNAIL_WIDTH = 480
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass
class ProcessedImage:
    name: str
    image: ContentFile
    thumbnail_name: str
    thumbnail: ContentFile


def validate(upload) -> None:
    """Raise ValidationError unless the upload is a JPEG, PNG, WebP or GIF image of at most 5 MB."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 5 MB: choose a smaller one."), code="too_big")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Send a JPEG, PNG, WebP or GIF image."), code="format")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from error
    finally:
        upload.seek(0)


def _encode(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)  # no exif= argument: none is written
    return buffer.getvalue()


def process(upload) -> ProcessedImage:
    """Re-encode the upload as a JPEG (EXIF dropped, orientation applied) and make its thumbnail."""
    validate(upload)
    try:
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from error
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    if thumbnail.width > THUMBNAIL_WIDTH:
        height = max(1, round(thumbnail.height * THUMBNAIL_WIDTH / thumbnail.width))
        thumbnail = thumbnail.resize((THUMBNAIL_WIDTH, height), Image.Resampling.LANCZOS)
    stem = secrets.token_hex(8)
    return ProcessedImage(
        name=f"{stem}.jpg",
        image=ContentFile(_encode(image)),
        thumbnail_name=f"{stem}-{THUMBNAIL_WIDTH}.jpg",
        thumbnail=ContentFile(_encode(thumbnail)),
    )
