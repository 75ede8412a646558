"""Decidim's accountability results export, semicolon-separated: `id`, `parent/id`, `title/<locale>`,
`description/<locale>` (HTML), `start_date`, `end_date`, `status/id`, `status/key`, `status/name/<locale>`,
`progress`, `category/id`, `category/name/<locale>`, `scope/id`, `scope/name/<locale>`, `reference`,
`weight`, `latitude`, `longitude`, `created_at`, `url`, `component/id`, `proposal_urls`.

Title and description are gathered per locale ({locale: text}) and set by `set_texts`: the site's own
language first, then the other languages of the site, then any the file has; which locale each text came
from is kept for the preview. The description's HTML becomes Markdown (`core.markdown.html_to_markdown`).
Decidim's statuses belong to each Decidim component: they are mapped to ours by their key or name, else by
the result's progress, and its progress is kept. A category becomes a sector: the one staff chose in a
preview (remembered in `CategorySector`), else one its words suggest. A scope becomes a district when
their names match ("Paris 19e", "19th arrondissement", "19e arrondissement" are the 19th). Parents are
named by their Decidim id: in the same file, or imported from Decidim before.
"""

import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from mobilization.core.importing import ImportReport, parse_date, parse_decimal, parse_float, parse_text
from mobilization.core.markdown import html_to_markdown
from mobilization.core.translation import LANGUAGE_CODES as PLATFORM_LANGUAGES
from mobilization.plan.actions.importers.rows import (
    MAX_DESCRIPTION,
    ParsedRow,
    check_dates_and_place,
    check_extra_values,
    parse_reference,
)
from mobilization.plan.actions.models import Action, CategorySector
from mobilization.territory.models import District

DELIMITER = ";"
REQUIRED = ["id"]

# Phrases in Decidim status keys and names (fr, en), and the status they mean here. Keys and names are
# compared without accents nor case, "_" and "-" read as spaces, and a phrase must start a word. The order
# matters: a status that is not started yet, abandoned or delayed says so whatever else it says, and "in
# progress" phrases come before "completed" words so that "En cours de réalisation" or "Execution in
# progress" are not read as done.
STATUS_PHRASES = [
    (
        Action.Status.PLANNED,
        ("not started", "not yet", "non commence", "pas commence", "pas encore", "a venir", "to do"),
    ),
    (
        Action.Status.ABANDONED,
        ("abandon", "cancel", "annul", "discard", "rejet", "reject", "refus", "withdraw", "renonc"),
    ),
    (
        Action.Status.DELAYED,
        ("delay", "retard", "late", "report", "postpon", "suspend", "pause", "on hold", "en attente"),
    ),
    (
        Action.Status.IN_PROGRESS,
        (
            "in progress", "progress", "en cours", "ongoing", "underway", "under way", "started",
            "commence", "demarr", "lance", "working", "work in", "engage", "en travaux", "en chantier",
            "en realisation", "en execution", "in execution", "under execution", "partiel", "partial",
        ),
    ),
    (
        Action.Status.COMPLETED,
        (
            "complet", "finish", "fini", "finalis", "done", "termin", "realise", "realize", "achev",
            "execute", "accompli", "implemented", "delivered", "livre",
        ),
    ),
    (
        Action.Status.PLANNED,
        ("plan", "prevu", "projet", "etude", "study", "program", "scheduled", "venir", "draft"),
    ),
]  # fmt: skip
# Words in Decidim category names, and the sector they mean here.
SECTOR_WORDS = [
    (Action.Sector.BUILDINGS, ("bâti", "bati", "build", "logement", "housing", "rénov", "renov", "habitat")),
    (Action.Sector.TRANSPORT, ("mobilit", "transport", "vélo", "velo", "cycl", "déplacement", "voirie")),
    (Action.Sector.ENERGY, ("énergi", "energi", "energy", "chaleur", "heat", "solaire", "solar", "renouvel")),
    (Action.Sector.WASTE, ("déchet", "dechet", "waste", "circulaire", "circular", "recycl", "tri ")),
    (Action.Sector.FOOD, ("aliment", "food", "cantine", "canteen", "agricult")),
    (Action.Sector.GREENING, ("végétal", "vegetal", "arbre", "tree", "nature", "biodiv", "green", "vert")),
    (Action.Sector.ADAPTATION, ("adapt", "résilien", "resilien", "canicule", "heatwave", "inondation")),
    (Action.Sector.ECONOMY, ("économ", "econom", "emploi", "job", "entreprise", "business")),
]


def texts_of(record: dict, name: str) -> dict[str, str]:
    """The column's text in each locale the file has: {"fr": ..., "en": ...} from `name/fr`, `name/en`
    (Decidim's machine translations, `name/machine_translations/<locale>`, only where no one wrote one)."""
    texts, machine = {}, {}
    prefix = f"{name}/"
    for key, value in record.items():
        if not value or not key.startswith(prefix):
            continue
        rest = key[len(prefix) :]
        if "/" not in rest:
            texts[rest] = value
        elif rest.startswith("machine_translations/") and rest.count("/") == 1:
            machine[rest.split("/", 1)[1]] = value
    for locale, value in machine.items():
        texts.setdefault(locale, value)
    if not texts and record.get(name):
        texts[""] = record[name]
    return texts


def locales_in_order(texts: dict[str, str]) -> list[str]:
    """The site's language, then its other languages, then the file's other locales (alphabetically)."""
    site = [settings.LANGUAGE_CODE] + [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    return [code for code in site if code in texts] + sorted(code for code in texts if code not in site)


def set_texts(target: dict, name: str, texts: dict[str, str]) -> str | None:
    """Set the text `name` of an action from its texts per locale; returns the locale used (None: none).

    Today the action has one text per field: the site's own language when the file has it, else the
    first other one. (When the plan's texts become translatable, this one function sets each language's
    field.)"""
    for locale in locales_in_order(texts):
        target[name] = texts[locale]
        return locale
    target[name] = ""
    return None


def _texts_in_each_language(record: dict, fields: dict, locales: dict) -> None:
    """The title and description go to the column of each language the platform speaks that the file has
    (`title_fr`, `title_en`): an English text is never stored as the French one. A text only in another
    locale (or in a column that names none) stays in `title`, which the import writes in the city's
    language."""
    limits = {"title": 255, "description": MAX_DESCRIPTION}
    for name, limit in limits.items():
        for locale, text in texts_of(record, name).items():
            if locale in PLATFORM_LANGUAGES:
                fields[f"{name}_{locale}"] = html_to_markdown(text)[:limit]
        if locales[name] in PLATFORM_LANGUAGES:
            fields.pop(name)


def category_key(name: str) -> str:
    return CategorySector.key_for(name)


def category_of(record: dict) -> str:
    """The category's name in the site's language (else another): what staff choose a sector for."""
    texts = texts_of(record, "category/name")
    return next((texts[locale] for locale in locales_in_order(texts)), "")[:255]


def suggested_sector(category: str, remembered: dict[str, str]) -> tuple[str, str]:
    """(sector, why) for a category: the sector chosen last time ("remembered"), else the one its words
    suggest ("guessed"), else Other ("none")."""
    if not category:
        return Action.Sector.OTHER, "none"
    if category_key(category) in remembered:
        return remembered[category_key(category)], "remembered"
    sector = decidim_sector({"category/name": category})
    return sector, "guessed" if sector != Action.Sector.OTHER else "none"


def remembered_sectors() -> dict[str, str]:
    return dict(CategorySector.objects.values_list("key", "sector"))


# "Paris 19e", "19e arrondissement", "19th arrondissement", "Paris 19", "1er", "75019".
_ARRONDISSEMENT = re.compile(
    r"^(?:paris\s*)?(\d{1,2})\s*(?:e|er|eme|ere|th|st|nd|rd)?(?:\s*arr\w*)?(?:\s*\(?paris\)?)?$"
)
_POSTCODE = re.compile(r"^750(\d{2})$")


class DistrictFinder:
    """The district a Decidim scope names, when the names match; None otherwise (never a guess)."""

    def __init__(self):
        self.by_name: dict[str, District] = {}
        self.arrondissements: dict[int, District] = {}
        for district in District.objects.order_by("level", "number"):
            if district.level == District.Level.ARRONDISSEMENT:
                self.arrondissements.setdefault(district.number, district)
            for name in (district.name, district.official_name):
                if name:
                    self.by_name.setdefault(_without_accents(name), district)

    def find(self, names: dict[str, str]) -> District | None:
        for locale in locales_in_order(names):
            plain = _without_accents(names[locale])
            if plain in self.by_name:
                return self.by_name[plain]
            match = _ARRONDISSEMENT.match(plain) or _POSTCODE.match(plain)
            if match and int(match.group(1)) in self.arrondissements:
                return self.arrondissements[int(match.group(1))]
        return None


def _without_accents(text: str) -> str:
    """Lower case, accents dropped, "_" and "-" read as spaces: "Exécuté" and "EXECUTE" read alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[\s_-]+", " ", plain).strip()


def decidim_status(record: dict, progress: Decimal | None) -> str:
    """Our status for a Decidim result: from the words of its status key and names, else its progress."""
    words = " ".join(
        _without_accents(record[key])
        for key in record
        if (key == "status/key" or key.startswith("status/name")) and record[key]
    )
    for status, phrases in STATUS_PHRASES:
        if any(re.search(r"(?<![a-z0-9])" + re.escape(phrase), words) for phrase in phrases):
            return status
    if progress is None or progress <= 0:
        return Action.Status.PLANNED
    if progress >= 100:
        return Action.Status.COMPLETED
    return Action.Status.IN_PROGRESS


def decidim_sector(record: dict) -> str:
    words = " ".join(record[key].lower() for key in record if key.startswith("category/name") and record[key])
    words += " "
    for sector, keys in SECTOR_WORDS:
        if any(key in words for key in keys):
            return sector
    return Action.Sector.OTHER


def check_header(header: list[str], report: ImportReport) -> list[str]:
    """The required columns missing (the others are read when present)."""
    return [column for column in REQUIRED if column not in header]


def parse(records, report: ImportReport, *, sector_mapping: dict[str, str] | None = None) -> list[ParsedRow]:
    """The rows as actions. `sector_mapping` ({category: sector}) is what staff chose in the preview; a
    category it does not name takes the remembered or suggested sector."""
    parsed = []
    reference_of_id = {}
    remembered = remembered_sectors()
    chosen = {category_key(name): sector for name, sector in (sector_mapping or {}).items()}
    districts = DistrictFinder()
    for row, record in records:
        check_extra_values(row, report, record)
        decidim_id = record.get("id", "")
        if not re.fullmatch(r"\d{1,18}", decidim_id):
            report.add(
                row, _("id: “%(value)s” is not a Decidim id (a whole number).") % {"value": decidim_id[:40]}
            )
        given_reference = record.get("reference", "")
        reference = report.check(row, parse_reference, given_reference or f"decidim-{decidim_id}")
        report.references[row] = (given_reference or f"decidim-{decidim_id}")[:64]
        reference_of_id.setdefault(decidim_id, reference or "")
        progress = report.check(row, parse_decimal, record.get("progress", ""), "progress", low=0, high=100)
        texts: dict = {}
        locales = {
            "title": set_texts(texts, "title", texts_of(record, "title")),
            "description": set_texts(texts, "description", texts_of(record, "description")),
        }
        category = category_of(record)
        sector, sector_reason = suggested_sector(category, remembered)
        if category and category_key(category) in chosen:
            sector, sector_reason = chosen[category_key(category)], "chosen"
        scope = texts_of(record, "scope/name")
        district = districts.find(scope)
        status = decidim_status(record, progress)
        fields = {
            "title": report.check(
                row, parse_text, html_to_markdown(texts["title"]), "title", 255, required=True
            ),
            "description": report.check(
                row, parse_text, html_to_markdown(texts["description"]), "description", MAX_DESCRIPTION
            ),
            "sector": sector,
            "district_id": district.pk if district else None,
            "status": status,
            "progress_override": progress,
            "start_date": report.check(
                row, parse_date, record.get("start_date", ""), "start_date", lenient=True
            ),
            "end_date": report.check(row, parse_date, record.get("end_date", ""), "end_date", lenient=True),
            "weight": report.check(
                row,
                parse_decimal,
                record.get("weight", ""),
                "weight",
                positive=True,
                max_digits=8,
                places=3,
            ),
            "latitude": report.check(row, parse_float, record.get("latitude", ""), "latitude", -90, 90),
            "longitude": report.check(row, parse_float, record.get("longitude", ""), "longitude", -180, 180),
            "source": Action.Source.DECIDIM,
            "external_id": decidim_id[:64],
        }
        _texts_in_each_language(record, fields, locales)
        check_dates_and_place(row, report, fields)
        status_texts = texts_of(record, "status/name")
        notes = {
            "locales": locales,
            "decidim_status": next(
                (status_texts[locale] for locale in locales_in_order(status_texts)),
                record.get("status/key", ""),
            )[:80],
            "category": category,
            "sector_reason": sector_reason,
            "scope": next((scope[locale] for locale in locales_in_order(scope)), "")[:120],
            "district": str(district) if district else "",
        }
        parsed.append(
            ParsedRow(
                row, reference or "", None, fields, None, decidim_id, record.get("parent/id", ""), notes=notes
            )
        )
    # Parents are named by their Decidim id: in this file, or imported from Decidim before.
    known = dict(
        Action.objects.filter(source=Action.Source.DECIDIM)
        .exclude(external_id="")
        .values_list("external_id", "reference")
    )
    seen_ids: dict[str, int] = {}
    for item in parsed:
        if item.decidim_id in seen_ids:
            report.add(
                item.row,
                _("id %(id)s is also on row %(other)s.")
                % {"id": item.decidim_id, "other": seen_ids[item.decidim_id]},
            )
        seen_ids.setdefault(item.decidim_id, item.row)
        if item.decidim_parent_id:
            parent_reference = reference_of_id.get(item.decidim_parent_id) or known.get(
                item.decidim_parent_id
            )
            if parent_reference is None:
                report.add(
                    item.row,
                    _("parent/id %(id)s is neither in the file nor an action imported before.")
                    % {"id": item.decidim_parent_id[:40]},
                )
            item.parent_reference = parent_reference or ""
        else:
            item.parent_reference = ""
    return parsed
