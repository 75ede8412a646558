"""Decidim's accountability results export, semicolon-separated: `id`, `parent/id`, `title/<locale>`,
`description/<locale>` (HTML), `start_date`, `end_date`, `status/id`, `status/key`, `status/name/<locale>`,
`progress`, `category/id`, `category/name/<locale>`, `scope/id`, `scope/name/<locale>`, `reference`,
`weight`, `latitude`, `longitude`, `created_at`, `url`, `component/id`, `proposal_urls`.

Title and description are read in French first, then English, then any locale the file has; the
description's HTML becomes Markdown (`core.markdown.html_to_markdown`). Decidim's statuses belong to each
Decidim component: they are mapped to ours by their key or name, else by the result's progress. Parents
are named by their Decidim id: in the same file, or imported from Decidim before.
"""

import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

from mobilization.core.importing import ImportReport, parse_date, parse_decimal, parse_float, parse_text
from mobilization.core.markdown import html_to_markdown
from mobilization.plan.actions.importers.rows import (
    MAX_DESCRIPTION,
    ParsedRow,
    check_dates_and_place,
    check_extra_values,
    parse_reference,
)
from mobilization.plan.actions.models import Action

DELIMITER = ";"
REQUIRED = ["id"]
PREFERRED_LOCALES = ("fr", "en")

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


def _localised(record: dict, name: str) -> str:
    for locale in PREFERRED_LOCALES:
        if record.get(f"{name}/{locale}"):
            return record[f"{name}/{locale}"]
    for key in sorted(record):
        if key.startswith(f"{name}/") and key.count("/") == 1 and record[key]:
            return record[key]
    return record.get(name, "")


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


def parse(records, report: ImportReport) -> list[ParsedRow]:
    parsed = []
    reference_of_id = {}
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
        description = html_to_markdown(_localised(record, "description"))
        fields = {
            "title": report.check(
                row, parse_text, html_to_markdown(_localised(record, "title")), "title", 255, required=True
            ),
            "description": report.check(row, parse_text, description, "description", MAX_DESCRIPTION),
            "sector": decidim_sector(record),
            "status": decidim_status(record, progress),
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
        check_dates_and_place(row, report, fields)
        parsed.append(
            ParsedRow(row, reference or "", None, fields, None, decidim_id, record.get("parent/id", ""))
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
