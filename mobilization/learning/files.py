"""A resource's uploaded file: a PDF (checked) or a picture (checked and re-encoded by the platform's
image kit, core/images.py). Nothing the uploader sent is kept as is: not the name (a random one is given),
not a picture's bytes or metadata. A PDF that can run scripts, launch programs or carry other files is
refused: it is offered for download to anyone."""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from mobilization.core import images

MAX_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
# Names of PDF features that act rather than show (scripts, launching, embedded files, forms that submit).
ACTIVE_PDF = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|OpenAction|AA|SubmitForm|RichMedia)\b"
)


@dataclass
class CheckedFile:
    name: str
    content: ContentFile
    kind: str  # "pdf" or "image"


def check(upload) -> CheckedFile:
    """The file to store, or ValidationError saying why it is refused."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB: choose a smaller one."), code="too_big")
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if head == PDF_SIGNATURE:
        data = upload.read()
        upload.seek(0)
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("This PDF is incomplete or damaged."), code="invalid")
        if ACTIVE_PDF.search(data):
            raise ValidationError(
                _("This PDF contains scripts, actions or attached files: export it again as a plain PDF."),
                code="active",
            )
        return CheckedFile(name=f"{secrets.token_hex(8)}.pdf", content=ContentFile(data), kind="pdf")
    try:
        processed = images.process(upload)
    except ValidationError as error:
        raise ValidationError(
            _("Send a PDF document or a picture (JPEG, PNG, WebP, GIF)."), code="format"
        ) from error
    return CheckedFile(name=processed.name, content=processed.image, kind="image")
