"""The administration of the city's texts in French and in English (django-modeltranslation's admin).

The library's admin shows each language's column side by side and makes the default language (French)
required. Here either language may be the one written — the page in the other language shows it, marked
(see `core.translation`) — but a text the model requires needs at least one of them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.translator import translator

from mobilization.core.translation import localized_field_names

IN_ONE_LANGUAGE = _("Write it in French or in English (or both).")


def required_texts(model) -> list[str]:
    """The translated texts the model requires (a title; not an optional description)."""
    names = translator.get_options_for_model(model).all_fields
    return [name for name in names if not model._meta.get_field(name).blank]


def with_one_language_required(form_class, model):
    required = required_texts(model)

    class TextsInOneLanguageAtLeast(form_class):
        def clean(self):
            cleaned = super().clean()
            for name in required:
                columns = [column for column in localized_field_names(name) if column in self.fields]
                if columns and not any(str(cleaned.get(column) or "").strip() for column in columns):
                    self.add_error(columns[0], ValidationError(IN_ONE_LANGUAGE, code="required"))
            return cleaned

    TextsInOneLanguageAtLeast.__name__ = form_class.__name__
    return TextsInOneLanguageAtLeast


class OneLanguageRequired:
    """For a TranslationAdmin or one of its inlines: no language column is required by itself."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if getattr(db_field, "translated_field", None) is not None:
            field.required = False


class CityTextsAdmin(OneLanguageRequired, TranslationAdmin):
    def get_form(self, request, obj=None, **kwargs):
        return with_one_language_required(super().get_form(request, obj, **kwargs), self.model)


class OneLanguageRequiredInline(OneLanguageRequired):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_one_language_required(formset.form, self.model)
        return formset


class CityTextsTabularInline(OneLanguageRequiredInline, TranslationTabularInline):
    pass


class CityTextsStackedInline(OneLanguageRequiredInline, TranslationStackedInline):
    pass
