"""An initiative's picture: checked, re-encoded and thumbnailed by the platform's one image kit
(`core/images.py`), which the learning app's uploads use too."""

from mobilization.core.images import (  # noqa: F401 - the initiatives' forms and services read them here
    ACCEPTED_FORMATS,
    MAX_BYTES,
    MAX_PIXELS,
    MAX_SIDE,
    THUMBNAIL_WIDTH,
    ProcessedImage,
    process,
    validate,
)
