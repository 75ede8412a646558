"""Lighter FilterSets (django-filter) for the lists that crowds read: the places, the plan's actions and
the initiatives.

For every FilterSet it creates, django-filter deep-copies the class's filters (their querysets and
choices too) and builds a new form class; each form then copies its fields again. On a list page whose
results are cached, that was a fifth of the page's time. `light_filterset` keeps one form class per
FilterSet class (its fields depend on the filters' settings alone), and copies each filter shallowly:
each FilterSet still gets its own filter objects (they hold their `parent` and `model`, and the proxy of
their `method`), sharing the settings that they never change.

Nor does each form copy its fields: the forms of a light FilterSet share the form class's field objects
(`_FieldsShared`). A filter form is read, validated and rendered, never changed per request: its errors,
cleaned data and bound fields live on the form, and a field's queryset is cloned by every query made
from it. Deep-copying ten fields (their widgets, choices, validators and querysets) was a tenth of the
CPU time of a search that misses the results cache.
"""

import copy


class _FiltersCopiedLightly(dict):
    def __deepcopy__(self, memo):
        filters = {}
        for name, filter_ in self.items():
            clone = copy.copy(filter_)
            clone.__dict__.pop("_field", None)  # a form field is built for each FilterSet
            if clone.method is not None:
                clone.method = clone.method  # binds a new method proxy to the clone, not to the original
            filters[name] = clone
        return filters


class _FieldsShared(dict):
    """A form class's `base_fields` that each form takes as they are (Django deep-copies them)."""

    def __deepcopy__(self, memo):
        return dict(self)


def light_filterset(filterset_class):
    """Class decorator: one form class per FilterSet class whose forms share its fields, filters copied
    shallowly (see above)."""

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super(filterset_class, self).get_form_class()
            form_class.base_fields = _FieldsShared(form_class.base_fields)
            type(self)._form_class = form_class
        return form_class

    filterset_class.base_filters = _FiltersCopiedLightly(filterset_class.base_filters)
    filterset_class.get_form_class = get_form_class
    return filterset_class
