"""Co-design in the public API: the ideas on the board and the roadmap, with the team's reasons. No
suggestion (they may hold an address), no supporter, no survey response."""

from typing import Any

from ninja import Field, Query, Router, Schema

from mobilization.codesign.models import Idea, Tool
from mobilization.core.openapi import api_enum

router = Router(tags=["codesign"])

MAX_PER_PAGE = 200
IdeaTool = api_enum("IdeaTool", Tool)
IdeaStatus = api_enum("IdeaStatus", Idea.Status)


class Message(Schema):
    detail: Any


class IdeaOut(Schema):
    id: int
    title: str
    body: str
    tool: str
    status: str
    supports: int
    reason: str = Field(description="The team's reason for the current status.")
    release: str | None = Field(description="The version that brought it, once done.")
    url: str


class IdeaQuery(Schema):
    tool: IdeaTool | None = None
    status: IdeaStatus | None = None
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=MAX_PER_PAGE)


@router.get("/codesign/ideas", response={200: list[IdeaOut], 422: Message}, url_name="codesign_ideas")
def list_ideas(request, filters: Query[IdeaQuery]):
    ideas = Idea.objects.public().select_related("release").order_by("-supports_count", "-pk")
    if filters.tool is not None:
        ideas = ideas.filter(tool=filters.tool.value)
    if filters.status is not None:
        ideas = ideas.filter(status=filters.status.value)
    return [
        {
            "id": idea.pk,
            "title": idea.title,
            "body": idea.body,
            "tool": idea.tool,
            "status": idea.status,
            "supports": idea.supports_count,
            "reason": idea.answer,
            "release": idea.release.version if idea.release else None,
            "url": idea.get_absolute_url(),
        }
        for idea in ideas[filters.offset : filters.offset + filters.limit]
    ]
