"""What the commitments pillar tells people (the notifications app's kinds registry)."""

from django.utils.translation import gettext_lazy as _

KINDS = {
    "organisation_verified": _("The city verified an organisation I represent"),
    "organisation_rejected": _("The city did not verify an organisation I represent"),
    "progress_report_reviewed": _("The city reviewed a progress report of my organisation"),
    "progress_report_due": _("A progress report of my organisation is due soon"),
    "progress_report_overdue": _("A progress report of my organisation is overdue"),
    "coalition_join_requested": _("An organisation asks to join a coalition my organisation leads"),
    "coalition_membership_decided": _("A coalition answered my organisation's request to join"),
}


def register_kinds() -> None:
    from mobilization.notifications import kinds

    for key, label in KINDS.items():
        kinds.register(kinds.NotificationKind(key=key, label=label))
