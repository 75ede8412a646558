"""Who may do what with challenges.

City staff write challenges in the administration and move them through their states there. Anyone may
read a challenge that is not a draft, its leaderboards and its published results; a signed-in person joins
one team per challenge (their arrondissement's, one they form, or one whose invite link they were given)
and checks in on its actions.
"""

import rules

from mobilization.core.predicates import is_city_staff, is_signed_in, object_is

is_public = object_is("is_public")
is_open = object_is("is_open")

rules.add_perm("challenges.view_challenge", is_public | is_city_staff)
rules.add_perm("challenges.join_challenge", is_signed_in & is_open)
rules.add_perm("challenges.manage_challenge", is_city_staff)
