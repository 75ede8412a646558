"""Who may do what with plan actions: everyone reads them; city staff edit them, add milestones and
import files, and see every import (an import is the city's work, not a person's)."""

import rules

from mobilization.core.predicates import is_city_staff

rules.add_perm("plan_actions.change_action", is_city_staff)
rules.add_perm("plan_actions.add_milestone", is_city_staff)
rules.add_perm("plan_actions.import_action", is_city_staff)  # upload a file of actions
rules.add_perm("plan_actions.view_actionimport", is_city_staff)
