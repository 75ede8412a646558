from django.urls import NoReverseMatch, reverse

from mobilization.accounts.models import Profile


def profile_form(**changes):
    data = {
        "display_name": "Amina",
        "home_district": "",
        "themes": ["energy", "waste_repair"],
        "skills": ["repair"],
        "other_skills": "Soudure",
        "languages": ["fr", "ar"],
        "availability": ["mon-evening", "sat-morning"],
        "phone": "06 12 34 56 78",
        "preferred_language": "fr",
        "bio": "J'aime réparer les vélos.",
    }
    data.update(changes)
    return data


def test_the_profile_page_shows_the_profile_and_where_to_manage_the_account(client, volunteer):
    client.force_login(volunteer)

    response = client.get(reverse("accounts:profile"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Amina" in page
    assert "Volunteer" in page
    for url in (
        reverse("accounts:profile_edit"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("usersessions_list"),
        reverse("accounts:my_data"),
        reverse("accounts:delete_account"),
        reverse("accounts:privacy") + "#my-consents",
    ):
        assert f'href="{url}"' in page
    assert "We never ask for your street address." in page  # each field says why it is asked


def test_the_profile_page_links_to_notification_preferences_once_they_exist(client, volunteer):
    client.force_login(volunteer)

    page = client.get(reverse("accounts:profile")).content.decode()

    try:
        preferences = reverse("notifications:preferences")
    except NoReverseMatch:
        assert "Notification preferences will be available here soon." in page
    else:
        assert f'href="{preferences}"' in page


def test_the_profile_pages_need_a_signed_in_member(client, db):
    for name in ("accounts:profile", "accounts:profile_edit", "accounts:my_data", "accounts:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_a_volunteer_saves_their_profile(client, volunteer, arrondissement):
    client.force_login(volunteer)

    response = client.post(reverse("accounts:profile_edit"), profile_form(home_district=arrondissement.pk))

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    profile = Profile.objects.get(user=volunteer)
    assert profile.home_district == arrondissement
    assert profile.themes == ["energy", "waste_repair"]
    assert profile.availability == ["mon-evening", "sat-morning"]
    assert str(profile.phone) == "+33612345678"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "11e arrondissement" in page
    assert "Monday: evening; Saturday: morning" in page
    assert "06 12 34 56 78" in page


def test_a_bad_phone_number_is_refused_and_the_rest_of_the_profile_is_kept(client, volunteer, arrondissement):
    client.force_login(volunteer)
    client.post(reverse("accounts:profile_edit"), profile_form(home_district=arrondissement.pk))

    response = client.post(
        reverse("accounts:profile_edit"),
        profile_form(home_district=arrondissement.pk, phone="12", bio="Un nouveau texte"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_phone_error"' in page
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in page
    assert "Un nouveau texte" in page  # what was typed is not lost
    profile = Profile.objects.get(user=volunteer)
    assert profile.bio == "J'aime réparer les vélos."  # nothing was saved
    assert str(profile.phone) == "+33612345678"
    assert profile.home_district == arrondissement


def test_a_quartier_is_not_a_home_district(client, volunteer, arrondissement, quartier):
    client.force_login(volunteer)
    client.post(reverse("accounts:profile_edit"), profile_form(home_district=arrondissement.pk))

    response = client.post(reverse("accounts:profile_edit"), profile_form(home_district=quartier.pk))

    assert response.status_code == 200
    assert 'id="id_home_district_error"' in response.content.decode()
    assert Profile.objects.get(user=volunteer).home_district == arrondissement


def test_the_home_district_choices_are_the_arrondissements_only(client, volunteer, arrondissement, quartier):
    client.force_login(volunteer)

    page = client.get(reverse("accounts:profile_edit")).content.decode()

    assert "11e arrondissement" in page
    assert "Folie-Méricourt" not in page


def test_availability_is_a_table_of_labelled_checkboxes(client, volunteer):
    client.force_login(volunteer)

    page = client.get(reverse("accounts:profile_edit")).content.decode()

    assert '<table class="availability-grid">' in page
    assert '<th scope="row">Monday</th>' in page
    assert '<th scope="col">Evening</th>' in page
    assert 'value="sun-evening"' in page
    assert "Sunday: Evening" in page  # each checkbox's own label, for screen readers


def test_a_display_name_is_required(client, volunteer):
    client.force_login(volunteer)

    response = client.post(reverse("accounts:profile_edit"), profile_form(display_name=""))

    assert response.status_code == 200
    assert 'id="id_display_name_error"' in response.content.decode()
    assert Profile.objects.get(user=volunteer).display_name == "Amina"
