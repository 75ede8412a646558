from django.core import checks
from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError


def check_kind_templates(app_configs=None, **kwargs):
    """Every registered kind of notification has its subject and body templates, and they compile."""
    from mobilization.notifications import kinds
    from mobilization.notifications.texts import text_templates

    errors = []
    engine = text_templates()
    for kind in kinds.all_kinds():
        for name in ("subject.txt", "body.txt"):
            path = f"{kind.template_folder}/{name}"
            try:
                engine.get_template(path)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"The notification kind {kind.key!r} has no template {path}.",
                        hint="Write it in the templates folder of the app that registers the kind.",
                        id="notifications.E001",
                    )
                )
            except TemplateSyntaxError as error:
                errors.append(
                    checks.Error(f"The template {path} does not compile: {error}", id="notifications.E002")
                )
    return errors
