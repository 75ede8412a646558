"""Names others see cannot impersonate the city or its staff, nor hide what they say.

Unicode's confusables data (the `confusable-homoglyphs` package, UTS #39) says which letters imitate
which: a right-to-left override, a letter borrowed from another alphabet or a Roman numeral passing for a
Latin letter are refused with a message that says why, on every form that writes such a name.
"""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from mobilization.accounts.models import Profile, User
from mobilization.accounts.tests.test_profile import profile_form
from mobilization.accounts.tests.test_security import give_totp
from mobilization.accounts.tests.test_sign_up_and_sign_in import sign_up_form
from mobilization.core.validators import display_name_validators, skeleton

RIGHT_TO_LEFT_OVERRIDE = "ali\u202egnp.exe"  # shows as "aliexe.png"
LOOK_ALIKE_CITY = "\u2164ille de P\u0430ris (staff)"  # Roman numeral five, Cyrillic a

REFUSED = {
    RIGHT_TO_LEFT_OVERRIDE: "direction of the text",
    LOOK_ALIKE_CITY: "imitates",
    "P\u0430ris fan": "imitates “a”",  # one Cyrillic letter inside a Latin word
    "\uff30aris fan": "imitates “P”",  # a full-width P
    "Ville de Paris": "taken for the city or its staff",
    "Paris": "taken for the city or its staff",
    "Camille (staff)": "taken for the city or its staff",
    "Modérateur": "taken for the city or its staff",
    "\u0420\u0430\u0455\u0456\u043e de P\u0430ris": "imitates",
}
ACCEPTED = [
    "Amina",
    "Zoë Müller",
    "Élodie de Paris",
    "Jean Paris",
    "Staffan",
    "李小龍",
    "محمد",
    "Дмитрий Smith",
]


def errors_of(name: str) -> list[str]:
    messages = []
    for validate in display_name_validators():
        try:
            validate(name)
        except forms.ValidationError as error:
            messages += [str(message) for message in error.messages]
    return messages


@pytest.mark.parametrize("name", list(REFUSED), ids=[repr(name) for name in REFUSED])
def test_a_name_that_impersonates_or_hides_is_refused_saying_why(name):
    messages = errors_of(name)

    assert messages, f"{name!r} was accepted"
    assert any(REFUSED[name] in message for message in messages), messages


@pytest.mark.parametrize("name", ACCEPTED)
def test_ordinary_names_in_any_alphabet_are_accepted(name, settings):
    assert errors_of(name) == []


def test_the_skeleton_reads_look_alikes_as_the_letters_they_imitate():
    assert skeleton(LOOK_ALIKE_CITY) == "ville de paris staff"
    assert skeleton("Modérateur") == "moderateur"


def test_the_citys_name_comes_from_the_settings(settings):
    settings.CITY_NAME = "Lyon"

    assert errors_of("Paris") == []
    assert errors_of("Ville de Lyon")


@pytest.mark.parametrize("name", [RIGHT_TO_LEFT_OVERRIDE, LOOK_ALIKE_CITY])
def test_sign_up_refuses_an_impersonating_name(client, db, name):
    response = client.post(reverse("account_signup"), sign_up_form(display_name=name))

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.filter(email="amina@example.org").exists()


@pytest.mark.parametrize("name", [RIGHT_TO_LEFT_OVERRIDE, LOOK_ALIKE_CITY])
def test_the_profile_form_refuses_an_impersonating_name(client, volunteer, name):
    client.force_login(volunteer)

    response = client.post(reverse("accounts:profile_edit"), profile_form(display_name=name))

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert Profile.objects.get(user=volunteer).display_name == "Amina"


def test_the_admin_refuses_an_impersonating_name(superuser, volunteer):
    give_totp(superuser)
    request = RequestFactory().post("/admin/")
    request.user = superuser
    model_admin = admin.site._registry[User]
    inline = next(
        inline for inline in model_admin.get_inline_instances(request, volunteer) if inline.model is Profile
    )
    form_class = inline.get_formset(request, volunteer).form

    form = form_class(data={"display_name": LOOK_ALIKE_CITY, "bio": ""}, instance=volunteer.profile)

    assert not form.is_valid()
    assert "display_name" in form.errors
