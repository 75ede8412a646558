"""The open data of shared governance: its datasets, described once for the downloads, the README and the
API (which gives the same rows, with null where a download has an empty cell).

No row names a person beyond the public display name of a proposal's author; no e-mail address; nothing
about who voted what (results are counts of closed consultations only).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.accounts.services import public_name
from mobilization.core.opendata import ODBL, Column, Dataset, text_column_docs
from mobilization.core.translation import LANGUAGE_CODES, texts
from mobilization.plan.governance.models import Consultation, Proposal, Recommendation


def _iso(value) -> str:
    return value.isoformat() if value else ""


def recommendation_row(recommendation: Recommendation, today) -> dict:
    """A recommendation and the city's response; the response's cells are empty while there is none."""
    response = recommendation.city_response()
    return {
        "id": recommendation.pk,
        "committee": recommendation.committee.name,
        "reference": recommendation.reference,
        "title": recommendation.title,
        "text": recommendation.text,
        "issued_on": recommendation.issued_on.isoformat(),
        "response_due_on": recommendation.response_due_on.isoformat(),
        "decision": response.decision if response else "",
        "justification": response.justification if response else "",
        "responded_at": _iso(response.responded_at) if response else "",
        "implementation_due_on": _iso(response.implementation_due_on) if response else "",
        "overdue": recommendation.is_overdue(today),
        # Each language's version, after the columns of before (empty when missing).
        **{f"title_{code}": text for code, text in texts(recommendation, "title").items()},
        **{f"text_{code}": text for code, text in texts(recommendation, "text").items()},
        **{
            f"justification_{code}": text
            for code, text in (
                texts(response, "justification") if response else dict.fromkeys(LANGUAGE_CODES, "")
            ).items()
        },
    }


def proposal_row(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "body": proposal.body,
        "author": public_name(proposal.author),
        "status": proposal.status,
        "published_at": _iso(proposal.published_at),
        "supports": proposal.supports_count,
        "must_be_answered": proposal.must_be_answered,
        "threshold_reached_at": _iso(proposal.threshold_reached_at),
        "answer": proposal.answer,
        "answered_at": _iso(proposal.answered_at),
    }


def recommendation_rows():
    today = timezone.localdate()
    queryset = Recommendation.objects.public().select_related("committee", "response")
    for recommendation in queryset.order_by("committee__name", "issued_on", "pk"):
        yield recommendation_row(recommendation, today)


def proposal_rows():
    for proposal in Proposal.objects.public().select_related("author__profile").order_by("pk"):
        yield proposal_row(proposal)


def result_rows():
    closed = Consultation.objects.filter(results_published_at__isnull=False).select_related("result")
    for consultation in closed.prefetch_related("questions__options").order_by("closes_at", "pk"):
        result = consultation.result
        total = result.ballots_count
        for question in consultation.questions.all():
            counts = result.counts.get(str(question.pk), {})
            for option in question.options.all():
                count = int(counts.get(str(option.pk), 0))
                yield {
                    "consultation_id": consultation.pk,
                    "consultation": consultation.title,
                    "closed_at": _iso(consultation.closed_at),
                    "question_id": question.pk,
                    "question": question.text,
                    "option_id": option.pk,
                    "option": option.label,
                    "votes": count,
                    "percent_of_ballots": round(100 * count / total, 1) if total else 0.0,
                    "ballots": total,
                }


RECOMMENDATIONS = Dataset(
    slug="recommendations",
    title=_("Monitoring committees' recommendations and the city's responses"),
    description=_(
        "The recommendations of the Climate Plan's public monitoring committees, and the city's answer to "
        "each: its decision, its reasons and, when accepted, by when it will be carried out."
    ),
    columns=(
        Column("id", _("identifier of the recommendation")),
        Column("committee", _("the committee that issued it")),
        Column("reference", _("the committee's reference")),
        Column("title", _("title")),
        Column("text", _("the recommendation (Markdown)")),
        Column("issued_on", _("date it was issued (YYYY-MM-DD)")),
        Column("response_due_on", _("date by which the city must answer")),
        Column("decision", _("accepted, partly, rejected, study (under study) or empty (no answer yet)")),
        Column("justification", _("the city's reasons (Markdown)")),
        Column("responded_at", _("when the city answered (ISO 8601)")),
        Column("implementation_due_on", _("when an accepted recommendation is to be carried out")),
        Column("overdue", _("true when the answer is late: none, or still under study, after the due date")),
        *text_column_docs("title", _("title"), main=False),
        *text_column_docs("text", _("the recommendation (Markdown)"), main=False),
        *text_column_docs("justification", _("the city's reasons (Markdown)"), main=False),
    ),
    licence=ODBL,
    rows=recommendation_rows,
)

PROPOSALS = Dataset(
    slug="proposals",
    title=_("Citizen proposals for the Climate Plan"),
    description=_(
        "The residents' proposals published after moderation, how many members support them, and the "
        "city's official answer."
    ),
    columns=(
        Column("id", _("identifier of the proposal")),
        Column("title", _("title")),
        Column("body", _("the proposal (Markdown)")),
        Column("author", _("the author's public display name")),
        Column("status", _("published or answered")),
        Column("published_at", _("when it was published (ISO 8601)")),
        Column("supports", _("number of accounts supporting it")),
        Column("must_be_answered", _("true once it reached the support threshold: the city must answer")),
        Column("threshold_reached_at", _("when it reached the threshold")),
        Column("answer", _("the city's official answer (Markdown)")),
        Column("answered_at", _("when the city answered")),
    ),
    licence=ODBL,
    rows=proposal_rows,
)

RESULTS = Dataset(
    slug="results",
    title=_("Results of closed consultations"),
    description=_(
        "The votes for each option of each question of the closed consultations: counts only, never a "
        "ballot or a voter."
    ),
    columns=(
        Column("consultation_id", _("identifier of the consultation")),
        Column("consultation", _("title of the consultation")),
        Column("closed_at", _("when it closed (ISO 8601)")),
        Column("question_id", _("identifier of the question")),
        Column("question", _("the question")),
        Column("option_id", _("identifier of the option")),
        Column("option", _("the option")),
        Column("votes", _("ballots choosing this option")),
        Column("percent_of_ballots", _("votes as a percentage of the ballots"), unit="%"),
        Column("ballots", _("ballots cast in the consultation")),
    ),
    licence=ODBL,
    rows=result_rows,
)

DATASETS = {dataset.slug: dataset for dataset in (RECOMMENDATIONS, PROPOSALS, RESULTS)}
