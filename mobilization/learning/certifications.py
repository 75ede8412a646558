"""The one question other pillars ask of the learning app: does this person hold a valid certification?

    from mobilization.learning.certifications import holds_valid_certification

    holds_valid_certification(volunteer, "heatwave-buddy")               # today, by the training's code
    holds_valid_certification(volunteer, training, on=date(2027, 7, 14))  # on a given day

The solidarity pillar asks it before trusting a volunteer as a buddy of vulnerable residents. It sits in
a module of its own, free of HTTP, so that a pillar above learning in the layers (pyproject.toml) imports
this and nothing else of the app.
"""

from datetime import date

from django.db.models import F
from django.utils import timezone

from mobilization.learning.models import Certification, Training


def holds_valid_certification(user, training_or_code: Training | str, on: date | None = None) -> bool:
    """Whether `user` holds, on `on` (today in the city's time zone by default), a certification of the
    training (a `Training`, or its `code`) that is not revoked, was granted by then and has not expired
    (a certification valid until a day still holds on that day). False for a visitor or an unknown code."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    on = on or timezone.localdate()
    certifications = Certification.objects.filter(user=user).valid_on(on)
    if isinstance(training_or_code, Training):
        certifications = certifications.filter(training=training_or_code)
    else:
        certifications = certifications.filter(training__code=training_or_code)
    return certifications.exists()


def holders_of(training_or_code: Training | str, on: date | None = None):
    """The people who hold a valid certification of the training on `on` (today by default), as a
    queryset of user keys for a query of many people at once (the dispatch of buddies):
    `BuddyProfile.objects.filter(user__in=holders_of("heatwave-buddy"))`. The same rule as
    `holds_valid_certification`."""
    on = on or timezone.localdate()
    certifications = Certification.objects.valid_on(on).filter(user__is_active=True)
    if isinstance(training_or_code, Training):
        certifications = certifications.filter(training=training_or_code)
    else:
        certifications = certifications.filter(training__code=training_or_code)
    return certifications.values("user_id")


def current_certification(user, training_or_code: Training | str, on: date | None = None):
    """The certification that makes `holds_valid_certification` say yes (the one lasting longest when
    there are several; one without expiry first), or None: for a page that tells the holder until when."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    on = on or timezone.localdate()
    certifications = Certification.objects.filter(user=user).valid_on(on).select_related("training")
    if isinstance(training_or_code, Training):
        certifications = certifications.filter(training=training_or_code)
    else:
        certifications = certifications.filter(training__code=training_or_code)
    return certifications.order_by(F("expires_on").desc(nulls_first=True), "-pk").first()


def public_training(code: str) -> Training | None:
    """The training of that code when visitors may see it (its page can be linked), else None."""
    return Training.objects.filter(Training.public_q(), code=code).first()
