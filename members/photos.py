"""Profile photos: checked on upload, stored small."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MIN_SIDE = 200
MAX_SIDE = 6000
STORED_SIDE = 512
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_LIMITS_TEXT = _(
    "JPEG, PNG or WebP, at most 5 MB, at least 200 × 200 pixels. It is resized to 512 pixels."
)


def validate_photo(upload: UploadedFile) -> None:
    if upload.size > MAX_BYTES:
        raise ValidationError(_("This photo is larger than 5 MB. Choose a smaller file."))
    try:
        image = Image.open(upload)
        image.verify()
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("This file is not a photo we can read. Use JPEG, PNG or WebP.")
        ) from error
    finally:
        upload.seek(0)
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("Use a JPEG, PNG or WebP photo."))
    width, height = image.size
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("This photo is %(width)s × %(height)s pixels; it needs at least 200 × 200.")
            % {"width": width, "height": height}
        )
    if max(width, height) > MAX_SIDE:
        raise ValidationError(_("This photo is more than 6000 pixels wide or high."))


def resized(upload: UploadedFile) -> ContentFile:
    """A square-bounded JPEG of at most 512 pixels, without the original's metadata."""
    image = Image.open(upload)
    image = image.convert("RGB")
    image.thumbnail((STORED_SIDE, STORED_SIDE))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="photo.jpg")
