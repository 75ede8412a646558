"""Who may do what with the Climate Plan's objectives, targets and indicators.

Everything here is public to read; only the city's climate team records figures and changes targets.
Views, templates and the route table ask these names.
"""

import rules

from mobilization.core.predicates import is_city_staff

rules.add_perm("plan.record_indicator_value", is_city_staff)
rules.add_perm("plan.edit_targets", is_city_staff)
