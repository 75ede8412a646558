"""Who may do what in co-design. Views, the API and templates ask these permissions by name."""

import rules

from mobilization.core.predicates import is_city_staff, is_signed_in

# Anyone may suggest an improvement (signed in is preferred: they are told in their inbox).
rules.add_perm("codesign.add_suggestion", rules.always_allow)
rules.add_perm("codesign.view_suggestion", is_city_staff)
rules.add_perm("codesign.handle_suggestion", is_city_staff)
# The board, the roadmap and the release notes are public.
rules.add_perm("codesign.support_idea", is_signed_in)
rules.add_perm("codesign.comment_idea", is_signed_in)
rules.add_perm("codesign.hide_comment", is_city_staff)
rules.add_perm("codesign.change_idea", is_city_staff)
rules.add_perm("codesign.merge_idea", is_city_staff)
rules.add_perm("codesign.add_release", is_city_staff)
rules.add_perm("codesign.publish_workshop", is_city_staff)
rules.add_perm("codesign.announce_workshop", is_city_staff)
# Surveys: the service checks that the survey asks this person; staff close them.
rules.add_perm("codesign.answer_survey", is_signed_in)
rules.add_perm("codesign.close_survey", is_city_staff)
