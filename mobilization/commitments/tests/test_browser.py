"""The commitments journey in a real browser, accessibility engine on: a representative signs up their
organisation, the city verifies it, it commits to a target linked to a Climate Plan objective, files a
report with evidence, completes it when the city asks for more, and the public registry and the
objective's page show the verified progress; a missing report turns the commitment "report overdue"."""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments import services
from mobilization.commitments.models import (
    CharterLevel,
    Commitment,
    Organisation,
    ProgressReport,
    ReportReminder,
)
from mobilization.core import roles
from mobilization.plan.tests.factories import ObjectiveFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_an_organisation_commits_reports_and_the_public_sees_its_verified_progress(
    page, live_server, axe_check, screenshot, tmp_path
):
    objective = ObjectiveFactory(slug="local-emissions", title="Local emissions", unit="tCO2e")
    TargetFactory(objective=objective)
    CharterLevel.objects.create(order=1, name_fr="Signataire", name_en="Signatory", min_active_commitments=1)
    CharterLevel.objects.create(
        order=2, name_fr="Engagée", name_en="Committed", min_active_commitments=1, min_verified_reports=3
    )
    staff = MemberFactory(roles=(roles.CITY_STAFF,))
    hugo = MemberFactory(display_name="Hugo")
    sign_in(page, live_server, hugo)

    page.goto(reverse("commitments:organisation_register"))
    page.get_by_label("Name").fill("Café Le Terminus")
    page.get_by_label("Kind").select_option("company")
    page.get_by_label("Size").select_option("micro")
    page.get_by_label("SIRET").fill("732 829 320 00074")
    axe_check(page)
    page.get_by_role("button", name="Sign up the organisation").click()
    expect(page.get_by_text("The city's team has not verified this organisation yet")).to_be_visible()

    organisation = Organisation.objects.get()
    services.verify_organisation(organisation, by=staff)
    page.reload()
    page.get_by_role("link", name="Make a commitment").click()
    page.get_by_label("Title").fill("Halve our emissions")
    page.get_by_label("Indicator").fill("Emissions of the café")
    page.get_by_label("Unit").fill("tCO2e")
    page.get_by_label("Theme").select_option("energy")
    page.get_by_label("Baseline year").fill("2020")
    page.get_by_label("Baseline value").fill("100")
    page.get_by_label("Target year").fill("2030")
    page.get_by_label("Target as a change against the baseline (%)").fill("-50")
    page.get_by_label("Local emissions").check()
    axe_check(page)
    page.get_by_role("button", name="Publish the commitment").click()
    expect(page.get_by_role("heading", name="Halve our emissions", level=1)).to_be_visible()

    page.get_by_role("link", name="File a progress report").click()
    page.get_by_label("Period").fill("2021")
    page.get_by_label("Value", exact=True).fill("92")
    page.get_by_label("What happened").fill("A new heat pump.")
    evidence = tmp_path / "invoice.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    page.get_by_label("Evidence files").set_input_files(str(evidence))
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Progress report 2021")).to_be_visible()
    expect(page.get_by_role("link", name="File 1")).to_be_visible()

    report = ProgressReport.objects.get()
    services.ask_for_more_information(report, by=staff, comment="Please add the energy bill.")
    page.reload()
    expect(page.get_by_text("Please add the energy bill.")).to_be_visible()
    page.get_by_role("link", name="Change or complete the report").click()
    page.get_by_label("Value", exact=True).fill("91")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Earlier versions")).to_be_visible()
    services.verify_report(ProgressReport.objects.get(), by=staff)

    visitor = page.context.browser.new_page(base_url=live_server.url)
    visitor.goto(reverse("commitments:list"))
    row = visitor.get_by_role("row", name="Halve our emissions")
    expect(row).to_contain_text("91 tCO2e")
    expect(row).to_contain_text("verified")
    axe_check(visitor)
    screenshot(visitor, "commitments_registry")
    visitor.get_by_role("link", name="Café Le Terminus").click()
    expect(visitor.get_by_role("img", name="Chart: Halve our emissions")).to_be_visible()
    expect(visitor.get_by_role("table", name="Figures of “Halve our emissions” (tCO2e)")).to_be_visible()
    charter = visitor.locator("section", has=visitor.get_by_role("heading", name="Climate charter"))
    expect(charter).to_contain_text("Level reached: Signatory")
    expect(charter).to_contain_text("2 more reports verified by the city")
    axe_check(visitor)
    screenshot(visitor, "commitments_organisation")
    visitor.goto(objective.get_absolute_url())
    section = visitor.locator(
        "section", has=visitor.get_by_role("heading", name="Commitments of organisations")
    )
    expect(section).to_contain_text("−9.0 tCO2e")
    expect(section).to_contain_text("91 tCO2e (verified)")
    visitor.close()

    # The 2022 report never comes: overdue from 2023-04-30; one reminder, however often the task runs.
    commitment = Commitment.objects.get()
    assert services.send_reminders(date(2023, 5, 2)) == 1
    assert services.send_reminders(date(2023, 5, 2)) == 0
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.REPORT_OVERDUE
    assert ReportReminder.objects.filter(kind="overdue").count() == 1


def test_a_lead_approves_a_request_to_join_and_the_public_sees_the_coalition(
    page, live_server, axe_check, screenshot
):
    from mobilization.commitments import coalitions
    from mobilization.commitments.models import CoalitionMembership
    from mobilization.commitments.tests.factories import (
        CoalitionCommitmentFactory,
        CoalitionFactory,
        OrganisationFactory,
        ProgressReportFactory,
    )

    lead = OrganisationFactory(name="Biocoop Belleville")
    coalition = CoalitionFactory(name="Commerces zéro déchet", lead=lead)
    commitment = CoalitionCommitmentFactory(coalition=coalition, title="Zéro emballage jetable")
    ProgressReportFactory(commitment=commitment, period="2021", value=90, status="verified")
    joiner = OrganisationFactory(name="La Recyclerie")
    coalitions.request_to_join(coalition, joiner, by=joiner.representatives.get())

    sign_in(page, live_server, lead.representatives.get())
    page.goto(coalition.get_absolute_url())
    axe_check(page)
    page.get_by_role("button", name="Approve La Recyclerie").click()
    expect(page.get_by_text("La Recyclerie is told of your decision.")).to_be_visible()
    assert CoalitionMembership.objects.get(organisation=joiner).status == CoalitionMembership.Status.APPROVED

    visitor = page.context.browser.new_page(base_url=live_server.url)
    visitor.goto(reverse("commitments:coalitions"))
    axe_check(visitor)
    visitor.get_by_role("link", name="Commerces zéro déchet").click()
    members = visitor.locator("section", has=visitor.get_by_role("heading", name="2 member organisations"))
    expect(members).to_contain_text("La Recyclerie")
    expect(visitor.get_by_role("img", name="Chart: Zéro emballage jetable")).to_be_visible()
    expect(visitor.get_by_role("table", name="Figures of “Zéro emballage jetable” (tCO2e)")).to_be_visible()
    axe_check(visitor)
    screenshot(visitor, "commitments_coalition")
    visitor.set_viewport_size({"width": 375, "height": 800})
    screenshot(visitor, "commitments_coalition_narrow")
    visitor.close()
