"""Climate Plan actions in the public API."""

from ninja import Router

router = Router(tags=["plan_actions"])
