"""The open data of shared governance: rows and column descriptions shared by the API and the downloads.

No row names a person beyond the public display name of a proposal's author; no e-mail address; nothing
about who voted what (results are counts of closed consultations only).
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.accounts.services import public_name
from mobilization.plan.governance.models import Consultation, Proposal, Recommendation

LICENCE = "Open Database License (ODbL) 1.0 — https://opendatacommons.org/licenses/odbl/1-0/"


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    columns: tuple[tuple[str, str], ...]

    def rows(self) -> list[dict]:
        return ROW_BUILDERS[self.key]()

    def readme(self) -> str:
        lines = [str(self.title), "", str(_("Columns:"))]
        lines += [f"- {name}: {description}" for name, description in self.columns]
        lines += ["", str(_("Licence: %(licence)s") % {"licence": LICENCE})]
        lines += [str(_("Generated at %(time)s.") % {"time": timezone.now().isoformat(timespec="seconds")})]
        return "\n".join(lines) + "\n"


def recommendation_rows(queryset=None) -> list[dict]:
    queryset = queryset if queryset is not None else Recommendation.objects.public()
    today = timezone.localdate()
    rows = []
    for rec in queryset.select_related("committee", "response").order_by(
        "committee__name", "issued_on", "pk"
    ):
        response = rec.city_response()
        rows.append(
            {
                "id": rec.pk,
                "committee": rec.committee.name,
                "reference": rec.reference,
                "title": rec.title,
                "text": rec.text,
                "issued_on": rec.issued_on.isoformat(),
                "response_due_on": rec.response_due_on.isoformat(),
                "decision": response.decision if response else "",
                "justification": response.justification if response else "",
                "responded_at": response.responded_at.isoformat() if response else "",
                "implementation_due_on": (
                    response.implementation_due_on.isoformat()
                    if response and response.implementation_due_on
                    else ""
                ),
                "overdue": rec.is_overdue(today),
            }
        )
    return rows


def proposal_rows(queryset=None) -> list[dict]:
    queryset = queryset if queryset is not None else Proposal.objects.public().order_by("pk")
    return [
        {
            "id": p.pk,
            "title": p.title,
            "body": p.body,
            "author": public_name(p.author),
            "status": p.status,
            "published_at": p.published_at.isoformat() if p.published_at else "",
            "supports": p.supports_count,
            "must_be_answered": p.must_be_answered,
            "threshold_reached_at": p.threshold_reached_at.isoformat() if p.threshold_reached_at else "",
            "answer": p.answer,
            "answered_at": p.answered_at.isoformat() if p.answered_at else "",
        }
        for p in queryset.select_related("author__profile")
    ]


def result_rows() -> list[dict]:
    rows = []
    closed = Consultation.objects.filter(results_published_at__isnull=False).select_related("result")
    for consultation in closed.prefetch_related("questions__options").order_by("closes_at", "pk"):
        result = consultation.result
        total = result.ballots_count
        for question in consultation.questions.all():
            counts = result.counts.get(str(question.pk), {})
            for option in question.options.all():
                count = int(counts.get(str(option.pk), 0))
                rows.append(
                    {
                        "consultation_id": consultation.pk,
                        "consultation": consultation.title,
                        "closed_at": consultation.closed_at.isoformat() if consultation.closed_at else "",
                        "question_id": question.pk,
                        "question": question.text,
                        "option_id": option.pk,
                        "option": option.label,
                        "votes": count,
                        "percent_of_ballots": round(100 * count / total, 1) if total else 0.0,
                        "ballots": total,
                    }
                )
    return rows


ROW_BUILDERS = {"recommendations": recommendation_rows, "proposals": proposal_rows, "results": result_rows}

DATASETS = {
    "recommendations": Dataset(
        "recommendations",
        _("Monitoring committees' recommendations and the city's responses"),
        (
            ("id", _("identifier of the recommendation")),
            ("committee", _("the committee that issued it")),
            ("reference", _("the committee's reference")),
            ("title", _("title")),
            ("text", _("the recommendation (Markdown)")),
            ("issued_on", _("date it was issued (YYYY-MM-DD)")),
            ("response_due_on", _("date by which the city must answer")),
            ("decision", _("accepted, partly, rejected, study (under study) or empty (no answer yet)")),
            ("justification", _("the city's reasons (Markdown)")),
            ("responded_at", _("when the city answered (ISO 8601)")),
            ("implementation_due_on", _("when an accepted recommendation is to be carried out")),
            ("overdue", _("true when the answer is late: none, or still under study, after the due date")),
        ),
    ),
    "proposals": Dataset(
        "proposals",
        _("Citizen proposals for the Climate Plan"),
        (
            ("id", _("identifier of the proposal")),
            ("title", _("title")),
            ("body", _("the proposal (Markdown)")),
            ("author", _("the author's public display name")),
            ("status", _("published or answered")),
            ("published_at", _("when it was published (ISO 8601)")),
            ("supports", _("number of accounts supporting it")),
            ("must_be_answered", _("true once it reached the support threshold: the city must answer")),
            ("threshold_reached_at", _("when it reached the threshold")),
            ("answer", _("the city's official answer (Markdown)")),
            ("answered_at", _("when the city answered")),
        ),
    ),
    "results": Dataset(
        "results",
        _("Results of closed consultations"),
        (
            ("consultation_id", _("identifier of the consultation")),
            ("consultation", _("title of the consultation")),
            ("closed_at", _("when it closed (ISO 8601)")),
            ("question_id", _("identifier of the question")),
            ("question", _("the question")),
            ("option_id", _("identifier of the option")),
            ("option", _("the option")),
            ("votes", _("ballots choosing this option")),
            ("percent_of_ballots", _("votes as a percentage of the ballots")),
            ("ballots", _("ballots cast in the consultation")),
        ),
    ),
}
