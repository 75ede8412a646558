"""Who may do what with the Climate Plan's objectives, targets and indicators.

Everything here is public to read; only the city's climate team records figures and changes targets.
Views, templates and the route table ask these names.
"""

import rules

from mobilization.core.predicates import is_city_staff

rules.add_perm("plan.record_indicatorvalue", is_city_staff)  # a figure of an indicator's series
rules.add_perm("plan.change_target", is_city_staff)  # add or change a target of an objective
