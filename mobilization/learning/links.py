"""What a resource may point to (the plan's objectives, public initiatives), and the "learn how" links
those pages show back.

Learning sits below the pillars (pyproject.toml): it imports neither the plan nor the initiatives. It
reaches their models by label, as the events app does ("plan.Objective"), and their pages reach its
resources through the kernel's `learn_how` registry (core/registries.py), filled in apps.py: the plan and
the initiatives import nothing of learning either."""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _

from mobilization.core.registries import RelatedLink
from mobilization.learning.models import Resource

MAX_LINKS = 5


def objectives():
    return apps.get_model("plan", "Objective")._default_manager.order_by("position", "pk")


def initiatives():
    Initiative = apps.get_model("initiatives", "Initiative")
    return Initiative._default_manager.filter(Initiative.public_q()).order_by("title", "pk")


def learn_how(obj) -> list[RelatedLink]:
    """The published resources that help with an objective or an initiative, newest first."""
    label = obj._meta.label
    if label == "plan.Objective":
        resources = Resource.objects.published().filter(objectives=obj)
    elif label == "initiatives.Initiative":
        resources = Resource.objects.published().filter(initiatives=obj)
    else:
        return []
    return [
        RelatedLink(label=resource.title, url=resource.get_absolute_url(), note=resource.get_kind_display())
        for resource in resources.order_by("-published_at", "-pk")[:MAX_LINKS]
    ]


def all_resources_link() -> RelatedLink:
    return RelatedLink(label=_("All guides and resources"), url=reverse("learning:resource_list"))
