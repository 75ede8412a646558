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
        # Cached blocks (similar initiatives) are keyed by the version of the published initiatives.
        from django.db.models.signals import post_delete, post_save

        from mobilization.initiatives import synergy
        from mobilization.initiatives.models import Initiative

        post_save.connect(
            synergy.forget_published_version, sender=Initiative, dispatch_uid="initiatives-version-save"
        )
        post_delete.connect(
            synergy.forget_published_version, sender=Initiative, dispatch_uid="initiatives-version-delete"
        )
        from mobilization.initiatives.models import ImpactRecord, NewsPost, Partnership

        def forget_page(sender, instance, **kwargs):
            synergy.forget_content_version(instance.initiative_id)

        def forget_partners_pages(sender, instance, **kwargs):
            synergy.forget_content_version(instance.requester_id, instance.partner_id)

        for model, receiver in ((NewsPost, forget_page), (ImpactRecord, forget_page)):
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"page-{model.__name__}-save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"page-{model.__name__}-del")
        post_save.connect(
            forget_partners_pages, sender=Partnership, weak=False, dispatch_uid="page-partner-save"
        )
        post_delete.connect(
            forget_partners_pages, sender=Partnership, weak=False, dispatch_uid="page-partner-del"
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
        registries.home_links.register(
            "events", registries.HomeLink(_("Upcoming events"), "events:list"), order=30
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
