"""The one way a view checks a permission.

Two forms, both asking the rules of the app's `rules.py` by name:

- `@permission_required(perm)` on a view whose permission is about no object, or about an object that
  `fn` finds (rules' `objectgetter`): a visitor is sent to sign in, a signed-in person without the right
  gets 403 (404 with `hide=True`: for things whose existence is itself private)::

      @require_POST
      @permission_required("plan_actions.change_action")
      def edit(request, pk): ...

- `permitted_object(request, queryset, perm, **lookup)` inside a view that needs the object anyway:
  it returns the object, or raises 404 when the person may not even know it exists (`view` permission)
  and 403 when they may read it but not do this (`perm`; 404 too with `hide=True`)::

      initiative = permitted_object(request, Initiative.objects.all(), "initiatives.change_initiative",
                                    view="initiatives.view_initiative", pk=pk)

A view never tests `has_perm` itself to refuse, and never writes its own decorator.
"""

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from rules.contrib.views import objectgetter

__all__ = ["objectgetter", "permission_required", "permitted_object", "refuse"]


def refuse(*, hide: bool = False):
    """The refusal: 404 when even the existence of the thing is private, 403 otherwise."""
    if hide:
        raise Http404
    raise PermissionDenied


def permission_required(perm: str, fn: Callable | None = None, *, hide: bool = False):
    """Visitors are sent to sign in; a signed-in person without `perm` (on `fn(request, *args, **kwargs)`
    when given) is refused with 403, or 404 with `hide`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if request.user.has_perm(perm, obj):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            refuse(hide=hide)

        return wrapped

    return decorator


def permitted_object(
    request,
    queryset: models.QuerySet | type[models.Model],
    perm: str | None = None,
    *,
    view: str | None = None,
    hide: bool = False,
    **lookup,
):
    """The object found by `lookup`, if the person may see it (`view`) and do `perm` with it.

    404 when it does not exist or they may not see it; 403 (404 with `hide`) when they may see it but not
    do this. A visitor who is not signed in gets the same answers: the views that need a signed-in person
    are decorated with `login_required` first."""
    obj = get_object_or_404(queryset, **lookup)
    if view is not None and not request.user.has_perm(view, obj):
        raise Http404
    if perm is not None and not request.user.has_perm(perm, obj):
        refuse(hide=hide)
    return obj
