"""The demo's buddies are buddies the way real ones are: by a certification of learning's training."""

from io import StringIO

import pytest

from mobilization.accounts import demo as accounts_demo
from mobilization.core import registries
from mobilization.learning import demo as learning_demo
from mobilization.learning.models import Certification, Training
from mobilization.solidarity import buddies
from mobilization.solidarity import demo as solidarity_demo
from mobilization.solidarity.models import BuddyProfile

pytestmark = pytest.mark.django_db


def test_the_solidarity_seeder_runs_after_learnings():
    keys = [key for key, _seeder in registries.demo_seeders.items()]
    assert keys.index("learning") < keys.index("solidarity")


def test_most_demo_buddies_hold_the_training_and_some_lost_it(district):
    accounts_demo.seed(StringIO())
    learning_demo.seed(StringIO())
    solidarity_demo.seed(StringIO())

    training = Training.objects.get(code=buddies.buddy_training_code())
    demo_buddies = BuddyProfile.objects.filter(user__email__startswith="binome-")
    trained = buddies.trained_buddies().filter(user__email__startswith="binome-").count()
    assert demo_buddies.count() == solidarity_demo.BUDDIES
    assert 60 <= trained <= 85
    lost = Certification.objects.filter(training=training, user__email__startswith="binome-").exclude(
        user__in=buddies.trained_buddies().values("user")
    )
    assert lost.filter(status=Certification.Status.REVOKED).exists()
    assert lost.filter(status=Certification.Status.VALID).exists()  # expired
    volunteer = BuddyProfile.objects.get(user__email=learning_demo.VOLUNTEER).user
    assert buddies.is_trained_buddy(volunteer)
    # Her certification is the learning seeder's (from a session), not a second one.
    assert Certification.objects.filter(user=volunteer, training=training).count() == 1


def test_without_the_learning_seeder_the_training_is_made_by_learnings_demo(district):
    accounts_demo.seed(StringIO())
    solidarity_demo.seed(StringIO())

    training = Training.objects.get(code=buddies.buddy_training_code())
    assert training.title_fr == "Binôme solidarité canicule"
    assert training.questions.count() == 3
    assert buddies.trained_buddies().count() > 50
    assert buddies.is_trained_buddy(BuddyProfile.objects.get(user__email=learning_demo.VOLUNTEER).user)
