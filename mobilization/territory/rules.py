"""Who may do what with the territory. Everyone reads the districts and places (the places pages, the
open data API). The people who keep the places right during a heatwave — city staff and solidarity
coordinators — correct a place (its hours, whether it is available, accessibility notes) in the
administration, which asks this rule for each place. Nobody edits a district by hand: a re-import of the
city's open data updates them."""

import rules

from mobilization.core.predicates import is_city_staff, is_solidarity_coordinator

rules.add_perm("territory.edit_place", is_city_staff | is_solidarity_coordinator)
