"""The footprint calculator in the public API: `POST /api/v1/footprint/compute` gives the footprint of a
set of answers, with ADEME's Nos Gestes Climat model (the version is in the answer). Nothing is stored.

The answers are written as the model writes them, keyed by the questions' rule names: a number, "oui" or
"non", or a choice between single quotes ("'maison'"). The OpenAPI document lists every question with
what it accepts; anything else is refused with a 422 that names the rule.
"""

from typing import Annotated, Any, Literal

from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as PydanticField

from mobilization.footprint import services
from mobilization.footprint.publicodes import PublicodesError

router = Router(tags=["footprint"])


class FootprintRefusal(Schema):
    # Named for this API: one OpenAPI component per class name, and the other apps' `Message` differs.
    detail: Any = Field(description="Why the request is refused, naming the rule concerned.")


def _answer_type(question: services.Question):
    if question.kind == "choice":
        return Literal[question.choices]
    if question.kind == "boolean":
        return Literal["oui", "non"]
    maximum = question.maximum if question.maximum is not None else services.MAX_NUMBER
    bound = {"gt": question.minimum} if question.positive else {"ge": question.minimum}
    return Annotated[float, PydanticField(le=maximum, allow_inf_nan=False, strict=True, **bound)]


def _situation_schema() -> type[BaseModel]:
    """One optional property per question of the model, named as the model names it."""
    fields = {
        f"q{index}": (
            _answer_type(question) | None,
            PydanticField(
                None,
                alias=question.name,
                description=f"unit: {question.unit}" if question.unit else None,
            ),
        )
        for index, question in enumerate(services.questions().values())
    }
    return create_model(
        "FootprintSituation",
        __config__=ConfigDict(extra="forbid", populate_by_name=False),
        __doc__="The answers, keyed by the questions' rule names; a question left out takes the "
        "model's default (the French average).",
        **fields,
    )


FootprintSituation = _situation_schema()


class ComputeIn(Schema):
    situation: FootprintSituation = Field(  # type: ignore[valid-type]
        description='Answers in the model\'s syntax: a number, "oui"/"non", or a quoted choice such as '
        "\"'maison'\". An empty object gives the model's French average.",
    )


class Category(Schema):
    rule: str = Field(
        description="The category's rule in the model: transport, alimentation, logement, "
        "divers, services sociétaux."
    )
    kgco2e: float | None = Field(description="kgCO2e a year; null when an answer without default is missing.")


class ModelVersion(Schema):
    name: str
    version: str = Field(description="Version of the npm package @incubateur-ademe/nosgestesclimat.")


class FootprintOut(Schema):
    model: ModelVersion
    unit: str = Field(description="kgCO2e/an: kilograms of CO2 equivalent a year.")
    bilan: float | None = Field(description="The total footprint (the model's rule `bilan`).")
    categories: list[Category]
    missing: list[str] = Field(
        description="Questions without default that the figures left null need (empty when complete)."
    )


@router.post(
    "/footprint/compute",
    response={200: FootprintOut, 400: FootprintRefusal, 422: FootprintRefusal},
    url_name="footprint_compute",
    summary="The carbon footprint of a set of answers (Nos Gestes Climat)",
    auth=None,
)
def compute(request, payload: ComputeIn):
    answers = payload.situation.model_dump(by_alias=True, exclude_none=True)
    try:
        footprint = services.compute(answers)
    except PublicodesError as error:
        return Status(422, {"detail": f"{error.rule}: {error.message}"})
    return {
        "model": {"name": services.MODEL_NAME, "version": footprint.model_version},
        "unit": services.UNIT,
        "bilan": footprint.total,
        "categories": [{"rule": name, "kgco2e": value} for name, value in footprint.categories.items()],
        "missing": list(footprint.missing),
    }
