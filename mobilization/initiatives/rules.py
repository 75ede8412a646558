"""Who may do what with initiatives.

The object of a permission is an Initiative unless the name says otherwise (a Membership, a ContentReport,
a Partnership). Views, templates and the route table ask these names.
"""

import rules

from mobilization.core.predicates import is_city_staff


@rules.predicate
def is_organiser_of(user, initiative) -> bool:
    return (
        initiative is not None
        and getattr(user, "is_authenticated", False)
        and initiative.organiser_id == user.pk
    )


is_moderator = is_city_staff
is_signed_in = rules.is_authenticated


@rules.predicate
def is_public(user, initiative) -> bool:
    return initiative is not None and initiative.is_public


@rules.predicate
def is_published(user, initiative) -> bool:
    from mobilization.initiatives.models import Initiative

    return initiative is not None and initiative.status == Initiative.Status.PUBLISHED


@rules.predicate
def is_editable_stage(user, initiative) -> bool:
    return initiative is not None and initiative.status != "finished"


@rules.predicate
def organises_the_partner(user, partnership) -> bool:
    return partnership is not None and is_organiser_of(user, partnership.partner)


@rules.predicate
def organises_the_initiative_of(user, membership) -> bool:
    return membership is not None and is_organiser_of(user, membership.initiative)


# Reading: the public statuses for everyone; drafts, submitted and rejected ones for organiser and staff.
rules.add_perm("initiatives.view_initiative", is_public | is_organiser_of | is_moderator)
rules.add_perm("initiatives.add_initiative", is_signed_in)
rules.add_perm("initiatives.change_initiative", (is_organiser_of | is_moderator) & is_editable_stage)
rules.add_perm("initiatives.submit_initiative", is_organiser_of)
rules.add_perm("initiatives.manage_initiative", is_organiser_of)
rules.add_perm("initiatives.change_status", is_organiser_of)
rules.add_perm("initiatives.moderate", is_moderator)
rules.add_perm("initiatives.publish_initiative", is_moderator)
rules.add_perm("initiatives.see_clusters", is_moderator)
rules.add_perm("initiatives.handle_reports", is_moderator)
# People
rules.add_perm("initiatives.join_initiative", is_signed_in & is_published & ~is_organiser_of)
rules.add_perm("initiatives.follow_initiative", is_signed_in & is_published)
rules.add_perm("initiatives.contact_organiser", is_signed_in & is_public & ~is_organiser_of)
rules.add_perm("initiatives.see_members", is_organiser_of)
rules.add_perm("initiatives.remove_member", organises_the_initiative_of)
rules.add_perm("initiatives.message_members", is_organiser_of)
rules.add_perm("initiatives.post_news", is_organiser_of & is_public)
rules.add_perm("initiatives.record_impact", is_organiser_of)
rules.add_perm("initiatives.report_initiative", is_signed_in & is_public)
# Partners: asked from the other initiative's page by the organiser of one of theirs.
rules.add_perm("initiatives.ask_partnership", is_signed_in & is_published & ~is_organiser_of)
rules.add_perm("initiatives.answer_partnership", organises_the_partner)
