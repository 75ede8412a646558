"""Registries: how a pillar plugs into the pages and commands that gather several pillars.

The kernel imports no pillar. A page that shows something of every pillar (the home page), the demo's
set-up, or the kernel's own transition helper (which tells people through the notifications app) reads
a registry here, and each app fills it in from its `AppConfig.ready()`::

    # mobilization/plan/apps.py
    def ready(self):
        from mobilization.core import registries
        from mobilization.plan import fragments

        registries.home_sections.register("plan", fragments.home_section, order=10)

Adding a pillar therefore never edits the kernel. Entries are read in `order`, then in registration
order (which follows INSTALLED_APPS); a key registered twice is a programming error.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

T = TypeVar("T")


class AlreadyRegistered(ImproperlyConfigured):
    pass


class Registry(Generic[T]):
    """Named entries that apps add when Django starts."""

    def __init__(self, what: str):
        self.what = what
        self._entries: dict[str, tuple[int, int, T]] = {}
        self._added = 0

    def register(self, key: str, entry: T, *, order: int = 100) -> T:
        if key in self._entries:
            raise AlreadyRegistered(f"{self.what}: {key!r} is already registered.")
        self._added += 1
        self._entries[key] = (order, self._added, entry)
        return entry

    def unregister(self, key: str) -> None:
        """Remove an entry (for tests)."""
        self._entries.pop(key, None)

    def get(self, key: str) -> T:
        try:
            return self._entries[key][2]
        except KeyError:
            raise LookupError(f"{self.what}: nothing is registered as {key!r}.") from None

    def keys(self) -> list[str]:
        return [key for key, _entry in self.items()]

    def items(self) -> list[tuple[str, T]]:
        ordered = sorted(self._entries.items(), key=lambda item: item[1][:2])
        return [(key, entry) for key, (_order, _added, entry) in ordered]

    def __iter__(self) -> Iterator[T]:
        return iter([entry for _key, entry in self.items()])

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)


# --- The home page ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One of the city's key figures on the home page: "1,322 drinking fountains in service"."""

    key: str  # what it counts, for tests and the cache: "fountains"
    value: float | int
    label: str | Promise
    unit: str = ""  # printed after the value ("km²")
    decimals: int = 0


@dataclass(frozen=True)
class HomeLink:
    """A call to action at the top of the home page."""

    label: str | Promise
    url_name: str
    for_visitors_only: bool = False  # shown to people who are not signed in only (sign up)


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page: `render(request)` returns its HTML (a safe string, which the app
    caches as it sees fit); `stylesheet` is a static path the page links to when the section shows."""

    render: Callable[[object], str]
    stylesheet: str = ""


# () -> list[Figure]: an app's figures, computed in as few queries as it can; cached by the home page.
home_figures: Registry[Callable[[], list[Figure]]] = Registry("home page figures")
home_sections: Registry[HomeSection] = Registry("home page sections")
home_links: Registry[HomeLink] = Registry("home page links")


# --- A volunteer's own account page -------------------------------------------------------------------------

# (request) -> str: a section of "My account", a safe HTML string (the certifications a volunteer holds).
profile_sections: Registry[Callable[[object], str]] = Registry("account page sections")


# --- "Learn how": what other apps offer about a thing a page shows -----------------------------------------


@dataclass(frozen=True)
class RelatedLink:
    label: str | Promise
    url: str
    note: str | Promise = ""  # what kind of thing it is ("Guide")


# (obj) -> list[RelatedLink]: resources that help with an objective or an initiative (the learning app's),
# listed under "Learn how" on its page; an entry returns [] for objects it knows nothing of.
learn_how: Registry[Callable[[object], list[RelatedLink]]] = Registry("learn how links")


def learn_how_links(obj) -> list[RelatedLink]:
    return [link for provider in learn_how for link in provider(obj)]


# --- Who runs an initiative -----------------------------------------------------------------------------
#
# An initiative's organiser is a person (`Initiative.organiser`); an app above the initiatives may let
# others run it with them (the commitments app: the representatives of the organisation that runs it). The
# initiatives app reads these two registries; it knows nothing of what fills them.


@dataclass(frozen=True)
class ShownOrganiser:
    """Who is named as an initiative's organiser in public, instead of its organiser's display name: an
    organisation's `name`, linked to its page (`url`), with a word for what it is (`kind`: "Organisation")."""

    name: str
    url: str = ""
    kind: str | Promise = ""


# (user, initiative) -> bool: the user manages the initiative as its organiser does (an entry answers
# False for initiatives it knows nothing of; it may keep what it read on the user, once per request).
initiative_managers: Registry[Callable[[object, object], bool]] = Registry("who else manages an initiative")
# (initiative ids) -> {id: ShownOrganiser}: for a page of initiatives, those shown under another name than
# their organiser's, in a fixed number of queries whatever their number.
shown_organisers: Registry[Callable[[list[int]], dict]] = Registry("organisers shown for initiatives")


def manages_initiative(user, initiative) -> bool:
    return any(entry(user, initiative) for entry in initiative_managers)


def organisers_shown(initiative_ids) -> dict[int, ShownOrganiser]:
    ids = list(initiative_ids)
    shown: dict[int, ShownOrganiser] = {}
    if ids:
        for entry in shown_organisers:
            shown.update(entry(ids))
    return shown


# --- Affiliations: the organisations a person belongs to -------------------------------------------------


@dataclass(frozen=True)
class Affiliation:
    """An organisation a person may act for elsewhere (join a challenge team on its behalf): plain values,
    so that the app reading it imports nothing of the app that knows the organisations."""

    key: str  # stable and unique across providers: "organisation:12"
    name: str
    url: str  # its public page


# (user) -> list[Affiliation]: the organisations this person may join a team for (commitments: the
# verified organisations they represent); [] for anonymous visitors.
affiliations: Registry[Callable[[object], list[Affiliation]]] = Registry("affiliations")


def affiliations_of(user) -> list[Affiliation]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [affiliation for provider in affiliations for affiliation in provider(user)]


# --- The demo ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSeeder:
    """An app's demo content. `seed(stdout, reimport=False)` returns at once when its content is already
    there (`reimport`: read the open data again); `summary(stdout)`, when given, prints what a newcomer
    needs once every seeder has run (the demo accounts)."""

    seed: Callable[..., None]
    summary: Callable[[object], None] | None = None


demo_seeders: Registry[DemoSeeder] = Registry("demo seeders")


# --- Notifications ------------------------------------------------------------------------------------------

# The notifications app registers its `notify(recipients, kind, context)` here, so that the kernel's
# transition helper can tell people without importing it.
notifiers: Registry[Callable[..., object]] = Registry("notifiers")


def notifier() -> Callable[..., object]:
    if "default" not in notifiers:
        raise ImproperlyConfigured("No notifier is registered: is mobilization.notifications installed?")
    return notifiers.get("default")
