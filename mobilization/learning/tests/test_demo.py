"""The demo: plausible trainings, sessions, certifications and resources once the demo accounts exist;
running it again changes nothing. The daily reminder command finds the certification that expires soon."""

from io import StringIO

from django.core.management import call_command

from mobilization.accounts import demo as accounts_demo
from mobilization.learning import demo
from mobilization.learning.certifications import holds_valid_certification
from mobilization.learning.models import Certification, Resource, Training


def test_the_demo_seeds_trainings_certifications_and_resources_once(db, district):
    accounts_demo.seed(StringIO())
    out = StringIO()
    demo.seed(out)
    demo.seed(out)

    assert Training.objects.filter(code="heatwave-buddy", title_fr="Binôme solidarité canicule").exists()
    assert Training.objects.count() == len(demo.TRAININGS)
    assert Resource.objects.published().count() >= 25
    volunteer = Certification.objects.filter(user__email=demo.VOLUNTEER).first().user
    assert holds_valid_certification(volunteer, "heatwave-buddy")
    assert "already there" in out.getvalue()

    reminders = StringIO()
    call_command("send_certification_reminders", stdout=reminders)
    assert "Certification reminders sent: 1" in reminders.getvalue()
