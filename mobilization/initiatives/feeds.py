"""RSS and Atom feeds of newly published initiatives.

`/initiatives/feed.rss` and `/initiatives/feed.atom` (names `initiatives:feed_rss`, `initiatives:feed_atom`)
list the 50 most recently published initiatives. Two optional query parameters narrow them, as on the
list: `district` (INSEE code of an arrondissement, e.g. 75111) and `theme` (a theme key, e.g. `mobility`).
An unknown district or theme is a 404, so a mistyped feed address fails loudly in the feed reader.
"""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from mobilization.core.themes import Theme
from mobilization.initiatives.filters import arrondissements, detail_url, feed_query_string
from mobilization.initiatives.models import Initiative
from mobilization.territory.models import District

# A district's name in each language (territory/translation.py): the reader's is shown.
DISTRICT_NAME = ("district__name", "district__name_fr", "district__name_en")

FEED_LENGTH = 50


@dataclass
class FeedScope:
    district: District | None
    theme: str
    query: str

    @property
    def theme_label(self) -> str:
        return str(dict(Theme.choices).get(self.theme, ""))


class NewInitiativesFeed(Feed):
    """Newly published initiatives, for everyone or one arrondissement or one theme."""

    def get_object(self, request, *args, **kwargs):
        code = request.GET.get("district", "")
        theme = request.GET.get("theme", "")
        district = None
        if code:
            if not re.fullmatch(r"[0-9A-Za-z]{1,12}", code):
                raise Http404("No such arrondissement")
            district = arrondissements().filter(code=code).first()
            if district is None:
                raise Http404("No such arrondissement")
        if theme and theme not in dict(Theme.choices):
            raise Http404("No such theme")
        query = feed_query_string(district, theme)
        return FeedScope(district=district, theme=theme, query=query)

    def title(self, scope):
        if scope.district and scope.theme:
            return _("New initiatives in %(district)s: %(theme)s") % {
                "district": scope.district.name,
                "theme": scope.theme_label,
            }
        if scope.district:
            return _("New initiatives in %(district)s") % {"district": scope.district.name}
        if scope.theme:
            return _("New initiatives: %(theme)s") % {"theme": scope.theme_label}
        return _("New climate initiatives")

    def link(self, scope):
        url = reverse("initiatives:list")
        return f"{url}?{scope.query}" if scope.query else url

    def description(self, scope):
        return _("Local climate initiatives, as they are published.")

    def items(self, scope):
        initiatives = (
            Initiative.objects.published()
            .select_related("district")
            .only("title", "summary", "themes", "published_at", *DISTRICT_NAME)
        )
        if scope.district:
            initiatives = initiatives.filter(district=scope.district)
        if scope.theme:
            initiatives = initiatives.filter(themes__icontains=f'"{scope.theme}"')
        return initiatives.order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, initiative):
        return initiative.title

    def item_description(self, initiative):
        # Feed readers render the description as HTML: the organiser's text is escaped.
        themes = ", ".join(str(label) for label in initiative.theme_labels())
        return escape(f"{initiative.summary} — {initiative.district.name} · {themes}")

    def item_link(self, initiative):
        return detail_url(initiative.pk)

    def item_pubdate(self, initiative):
        return initiative.published_at

    def item_categories(self, initiative):
        return [str(label) for label in initiative.theme_labels()]


class NewInitiativesAtomFeed(NewInitiativesFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)
