"""The audit log: one call records who did what to which object.

It writes a row in the database and a line on the `mobilization.security` logger. Neither holds a
password, token or personal detail: objects are named by type and primary key only.
"""

import logging

from django.db import models

from mobilization.core.models import AuditEvent

security_log = logging.getLogger("mobilization.security")


def record(actor, action: str, obj: models.Model | None = None, **details) -> AuditEvent:
    actor = actor if getattr(actor, "is_authenticated", False) else None
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    event = AuditEvent.objects.create(
        actor=actor, action=action, object_type=object_type, object_id=object_id, details=details
    )
    security_log.info(
        "%s actor=%s object=%s#%s", action, actor.pk if actor else "-", object_type or "-", object_id or "-"
    )
    return event
