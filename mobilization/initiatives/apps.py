from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "mobilization.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from mobilization.accounts import personal_data
        from mobilization.initiatives import (
            rules,  # noqa: F401 - registers the permissions
            services,
        )
        from mobilization.notifications import kinds

        for kind in (
            kinds.NotificationKind(key="initiative_published", label=_("One of my initiatives is published")),
            kinds.NotificationKind(
                key="initiative_rejected", label=_("One of my initiatives is sent back by the moderators")
            ),
            kinds.NotificationKind(
                key="initiative_unpublished",
                label=_("One of my initiatives is unpublished by the moderators"),
            ),
            kinds.NotificationKind(
                key="initiative_news_hidden",
                label=_("A news post of one of my initiatives is hidden by the moderators"),
            ),
            kinds.NotificationKind(
                key="initiative_member_joined", label=_("Someone joins one of my initiatives")
            ),
            kinds.NotificationKind(
                key="initiative_contact", label=_("Someone writes to me about one of my initiatives")
            ),
            kinds.NotificationKind(
                key="initiative_contact_reply",
                label=_("The organiser of an initiative answers my message"),
            ),
            kinds.NotificationKind(
                key="initiative_members_message",
                label=_("The organiser of an initiative I joined writes to its members"),
            ),
            kinds.NotificationKind(
                key="initiative_news", label=_("News of an initiative I joined or follow")
            ),
            kinds.NotificationKind(
                key="partnership_requested", label=_("Another initiative asks mine to be its partner")
            ),
            kinds.NotificationKind(
                key="partnership_answered", label=_("An initiative answers my partnership request")
            ),
        ):
            kinds.register(kind)
        # Cached blocks and lists are keyed by versions of what they show (cache.py): a change forgets them.
        from django.db.models.signals import post_delete, post_save

        from mobilization.initiatives import cache
        from mobilization.initiatives.models import ImpactRecord, Initiative, NewsPost, Partnership

        for model, receiver in (
            (Initiative, cache.initiative_changed),
            (NewsPost, cache.initiative_content_changed),
            (ImpactRecord, cache.initiative_content_changed),
            (Partnership, cache.partnership_changed),
        ):
            for signal, when in ((post_save, "save"), (post_delete, "delete")):
                signal.connect(
                    receiver, sender=model, dispatch_uid=f"initiatives-cache-{model.__name__}-{when}"
                )
        # The weekly digest's kind is declared beside the digest itself.
        from mobilization.initiatives import digest

        digest.register_notification_kinds()
        from mobilization.core import registries
        from mobilization.initiatives import demo

        registries.home_figures.register("initiatives", services.home_figures, order=10)
        registries.home_links.register(
            "initiatives", registries.HomeLink(_("Find an initiative near you"), "initiatives:list"), order=20
        )
        registries.demo_seeders.register("initiatives", registries.DemoSeeder(demo.seed), order=30)
        personal_data.register(
            "initiatives",
            exporter=services.export_personal_data,
            anonymiser=services.anonymise_personal_data,
        )
        # --- Initiatives host events (which import nothing of initiatives): see hosting.py. ---
        from mobilization.initiatives import hosting

        hosting.register()
