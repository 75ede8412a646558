"""Full-text search: accent- and case-insensitive, French and English, ranked, the same on every database.

Run on SQLite (FTS5) and on PostgreSQL (tsvector): `DATABASE_URL=postgres://… pytest …`.
"""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import connection

from mobilization.core.testing import is_postgresql
from mobilization.initiatives import search, services
from mobilization.initiatives.admin import InitiativeAdmin
from mobilization.initiatives.models import Initiative, InitiativeSearchTerm
from mobilization.initiatives.tests.factories import InitiativeFactory

only_on_postgresql = pytest.mark.skipif(not is_postgresql(), reason="PostgreSQL's text search")
only_on_sqlite = pytest.mark.skipif(is_postgresql(), reason="SQLite's FTS5 table")


def titles(queryset):
    return [initiative.title for initiative in queryset]


def test_accents_case_and_plurals_make_the_same_term():
    assert search.normalise("Énergie VÉLO ça") == "energie velo ca"
    assert {search.terms(word)[0] for word in ["vélo", "velo", "Vélos", "vélos", "VELO"]} == {"velo"}
    assert search.terms("bikes") == search.terms("bike")
    # French and English words of the same root meet.
    assert search.terms("énergie") == search.terms("energy")
    assert search.terms("solidarité") == search.terms("solidarity")


def test_stop_words_of_both_languages_are_dropped():
    assert search.terms("le vélo de la rue et the bike of the street") == ["velo", "ru", "bik", "street"]
    assert search.terms("les, des et du… the and of") == []


@pytest.mark.django_db
def test_velo_with_an_accent_finds_velo_without_and_velos():
    plain = InitiativeFactory(title="Velo-école du 11e")
    plural = InitiativeFactory(title="Vélos partagés", summary="Des vélos pour tous.")
    InitiativeFactory(
        title="Jardin partagé", summary="Un potager au pied des immeubles.", themes=["greening"]
    )

    found = search.search(Initiative.objects.all(), "vélo")

    assert set(titles(found)) == {plain.title, plural.title}


@pytest.mark.django_db
def test_velo_without_an_accent_finds_velo_with_one():
    accented = InitiativeFactory(title="Atelier Vélo de la Roquette")

    assert titles(search.search(Initiative.objects.all(), "velo")) == [accented.title]
    assert titles(search.search(Initiative.objects.all(), "VELOS")) == [accented.title]


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_description_match():
    in_description = InitiativeFactory(
        title="Fresque du climat",
        summary="Un atelier pour comprendre.",
        description="On y vient à vélo, on repart à vélo, on parle vélo, vélo, vélo.",
        published_days_ago=0.5,  # newer: it would come first if the score were a tie
    )
    in_title = InitiativeFactory(
        title="Bourse aux vélos", summary="Achetez et vendez.", published_days_ago=10
    )

    found = list(search.search(Initiative.objects.all(), "vélo"))

    assert [initiative.pk for initiative in found] == [in_title.pk, in_description.pk]
    assert found[0].search_score > found[1].search_score > 0


@pytest.mark.django_db
def test_a_rare_term_weighs_more_than_a_common_one():
    for number in range(4):
        InitiativeFactory(title=f"Atelier numéro {number}", summary="Un atelier de quartier.")
    rare = InitiativeFactory(title="Atelier compost", summary="Composter ses déchets.", published_days_ago=30)

    found = list(search.search(Initiative.objects.all(), "atelier compost"))

    assert found[0].pk == rare.pk
    assert len(found) == 5


@pytest.mark.django_db
def test_english_texts_are_found_in_english():
    bikes = InitiativeFactory(title="Community bike repair", summary="Fix your bikes with neighbours.")
    InitiativeFactory(title="Zero waste picnic", summary="Bring your own cutlery.", themes=["waste_repair"])

    assert titles(search.search(Initiative.objects.all(), "bike")) == [bikes.title]
    assert titles(search.search(Initiative.objects.all(), "repairing")) == [bikes.title]


@pytest.mark.django_db
def test_equal_scores_list_the_newest_first():
    older = InitiativeFactory(title="Vélo solidaire", published_days_ago=9)
    newer = InitiativeFactory(title="Vélo solidaire", published_days_ago=1)

    assert [i.pk for i in search.search(Initiative.objects.all(), "velo")] == [newer.pk, older.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "le la les the of", "!!! ???", "\x00", "é" * 5000])
def test_a_query_without_a_usable_term_matches_nothing_without_error(query):
    InitiativeFactory(title="Atelier vélo")

    assert list(search.search(Initiative.objects.all(), query)) == []


@pytest.mark.django_db
def test_search_keeps_the_filters_of_the_queryset_it_is_given():
    InitiativeFactory(title="Vélo draft", status=Initiative.Status.DRAFT)
    public = InitiativeFactory(title="Vélo public")

    assert titles(search.search(Initiative.objects.public(), "velo")) == [public.title]


@pytest.mark.django_db
def test_reindex_replaces_the_terms_of_an_edited_initiative():
    initiative = InitiativeFactory(title="Atelier vélo", summary="Le samedi.")
    initiative.title = "Atelier couture"
    initiative.save()
    search.reindex(initiative)

    assert list(search.search(Initiative.objects.all(), "velo")) == []
    assert titles(search.search(Initiative.objects.all(), "couture")) == ["Atelier couture"]


@pytest.mark.django_db
def test_title_terms_weigh_three_summary_two_description_one():
    initiative = InitiativeFactory(title="Compost", summary="Jardin", description="Ruche", index=False)

    assert search.term_weights(initiative) == {"compost": 3.0, "jardin": 2.0, "ruch": 1.0}


@pytest.mark.django_db
def test_reindex_all_rebuilds_every_initiative_in_batches_and_reports_progress():
    for number in range(5):
        InitiativeFactory(title=f"Vélo {number}", index=False)
    lines = []

    class Out:
        def write(self, line):
            lines.append(line)

    assert search.reindex_all(batch_size=2, stdout=Out()) == 5
    assert lines[-1] == "Search index: 5/5 initiatives"
    assert len(lines) == 3
    assert InitiativeSearchTerm.objects.filter(term="velo").count() == 5
    # Running it again replaces the rows, it does not add to them.
    search.reindex_all()
    assert InitiativeSearchTerm.objects.filter(term="velo").count() == 5


# --- In the database's own engine ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("velo", "Vélos partagés"),
        ("VÉLO", "Velo-école du 11e"),
        ("energy", "Défi énergie"),
        ("énergie", "Saving energy together"),
        ("solidarity", "Épicerie de la solidarité"),
        ("mobility", "Mobilité douce"),
        ("bike", "Community bikes"),
    ],
)
def test_accent_free_stemmed_words_of_either_language_find_each_other(query, title):
    wanted = InitiativeFactory(title=title, summary="Ouvert à tous.")
    InitiativeFactory(
        title="Jardin partagé", summary="Un potager au pied des immeubles.", themes=["greening"]
    )

    assert titles(search.search(Initiative.objects.all(), query)) == [wanted.title]


@pytest.mark.django_db
def test_a_search_is_one_query_answered_by_the_database_engine(django_assert_num_queries):
    InitiativeFactory(title="Vélos partagés")
    InitiativeFactory(title="Atelier compost")

    with django_assert_num_queries(1) as context:
        found = list(search.search(Initiative.objects.public(), "vélos compost"))

    assert len(found) == 2
    sql = context.captured_queries[0]["sql"]
    assert ('"search_vector" @@' in sql) if is_postgresql() else ("MATCH" in sql)


@pytest.mark.django_db
def test_an_edited_initiative_is_found_by_its_new_words_only():
    initiative = InitiativeFactory(title="Atelier vélo", summary="Le samedi.")

    services.update_initiative(
        initiative, by=initiative.organiser, title="Atelier couture", summary="Le dimanche."
    )

    assert list(search.search(Initiative.objects.all(), "velo samedi")) == []
    assert titles(search.search(Initiative.objects.all(), "couture")) == ["Atelier couture"]
    assert titles(search.search(Initiative.objects.all(), "dimanche")) == ["Atelier couture"]


@pytest.mark.django_db
def test_a_title_that_staff_correct_in_the_admin_is_searched_by_its_new_words(rf):
    initiative = InitiativeFactory(title="Atelier vélo", summary="Le samedi.", description="")
    initiative.title = "Atelier couture"

    InitiativeAdmin(Initiative, admin.site).save_model(
        rf.post("/"), initiative, SimpleNamespace(changed_data=["title"]), change=True
    )

    assert list(search.search(Initiative.objects.all(), "velo")) == []
    assert titles(search.search(Initiative.objects.all(), "couture")) == ["Atelier couture"]


def _rows_in_the_full_text_index(pk) -> int:
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT count(*) FROM initiatives_initiative WHERE id = %s AND search_vector != ''", [pk]
            )
        else:
            cursor.execute("SELECT count(*) FROM initiatives_fulltext WHERE rowid = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_deleting_an_initiative_removes_it_from_the_full_text_index():
    gone = InitiativeFactory(title="Atelier vélo de la Roquette")
    kept = InitiativeFactory(title="Vélo-école")
    assert _rows_in_the_full_text_index(gone.pk) == 1

    gone_pk = gone.pk
    gone.delete()

    assert _rows_in_the_full_text_index(gone_pk) == 0
    assert titles(search.search(Initiative.objects.all(), "velo")) == [kept.title]


@pytest.mark.django_db
@only_on_sqlite
def test_rebuilding_the_index_drops_the_rows_of_initiatives_that_no_longer_exist():
    initiative = InitiativeFactory(title="Atelier vélo")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER initiatives_fulltext_delete")  # as if deleted before the trigger existed
    Initiative.objects.filter(pk=initiative.pk).delete()
    assert _rows_in_the_full_text_index(initiative.pk) == 1

    search.reindex_all()

    assert _rows_in_the_full_text_index(initiative.pk) == 0


@pytest.mark.django_db
@only_on_postgresql
def test_postgresql_keeps_the_search_vector_up_to_date_whoever_writes():
    initiative = InitiativeFactory(title="Atelier vélo", summary="Le samedi.")

    Initiative.objects.filter(pk=initiative.pk).update(title="Atelier couture")  # no service, no reindex

    assert list(search.search(Initiative.objects.all(), "velo")) == []
    assert titles(search.search(Initiative.objects.all(), "couture")) == ["Atelier couture"]


WORDS = (
    "Vélos énergie energy solidarité solidarity mobilité mobility bikes repairing récupération "
    "végétaliser biodéchets quartiers électricité electricity économie plantations composter"
)


@pytest.mark.django_db
@only_on_postgresql
def test_postgresql_stems_words_as_python_does():
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobilization_stems(%s)", [WORDS])
        vector = cursor.fetchone()[0]

    assert sorted(lexeme.split(":")[0].strip("'") for lexeme in vector.split()) == sorted(
        set(search.terms(WORDS))
    )
