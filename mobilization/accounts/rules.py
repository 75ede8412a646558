"""Who may do what with accounts. The predicates come from the platform's vocabulary
(`core/predicates.py`), as in every app's rules. Names follow `<app>.<verb>_<thing>`; none reuses the
name of a Django model permission (`change_user`...), which the admin's model backend answers."""

import rules

from mobilization.core.predicates import is_city_staff, is_self

rules.add_perm("accounts.edit_profile", is_self)
rules.add_perm("accounts.export_account", is_self)
rules.add_perm("accounts.delete_account", is_self)
rules.add_perm("accounts.assign_role", is_city_staff)
