"""The districts' names in French and in English (django-modeltranslation; see `core.translation` and
`territory/names.py`): `district.name` reads the page's language everywhere it is shown."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.territory.models import District


@register(District)
class DistrictNames(TranslationOptions):
    fields = ("name",)
