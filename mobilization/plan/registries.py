"""What other apps show on the plan's pages, without the plan importing them.

The plan (`mobilization.plan`) imports none of its sub-apps: the actions (`plan_actions`) and the
governance (`governance`) build on the plan, not the reverse. An objective's page still ends with what they
have to say about the objective (the actions that serve it and how far they have got; later the
consultations about it): each registers a function here from its `AppConfig.ready()`, the way the pillars
fill the kernel's registries (`mobilization.core.registries`)::

    # mobilization/plan/actions/apps.py
    def ready(self):
        from mobilization.plan import registries
        from mobilization.plan.actions import fragments

        registries.objective_sections.register("plan_actions", fragments.objective_section, order=10)

`section(request, objective)` returns the section's HTML (a safe string), or "" when it has nothing to
show. The objective's page shows the sections in `order`; it caches its own body, not theirs: they are
rendered on each visit, since what they show changes apart from the objective's figures.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

from mobilization.core.registries import Registry

ObjectiveSection = Callable[[object, object], SafeString | str]

objective_sections: Registry[ObjectiveSection] = Registry("sections of an objective's page")


def render_objective_sections(request, objective) -> list[str]:
    """The registered sections of the objective's page that have something to show, in order."""
    return [html for html in (section(request, objective) for section in objective_sections) if html]
