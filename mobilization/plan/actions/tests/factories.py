"""Factories of plan actions, their milestones and the imports of action files."""

import datetime

import factory
from factory.django import DjangoModelFactory


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = "plan_actions.Action"

    reference = factory.Sequence(lambda number: f"A-{number}")
    title = factory.LazyAttribute(lambda action: f"Action {action.reference}")


class MilestoneFactory(DjangoModelFactory):
    """A milestone saved as it is: to move its action as staff do, call `services.add_milestone`."""

    class Meta:
        model = "plan_actions.Milestone"

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2025, 1, 1)
    title = factory.Sequence(lambda number: f"Step {number}")


class ActionImportFactory(DjangoModelFactory):
    """An uploaded file of actions, queued (as the upload leaves it) unless `status=` says otherwise."""

    class Meta:
        model = "plan_actions.ActionImport"

    file_name = "actions.csv"
    content = "reference,title\nZ-1,Z\n"
