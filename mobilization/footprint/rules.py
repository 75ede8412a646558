"""Who may do what with the footprint calculator.

Computing a footprint from answers is open to everyone, signed in or not: it stores nothing and reads
nothing but the answers sent (the API's `POST /api/v1/footprint/compute`)."""

import rules

rules.add_perm("footprint.compute_footprint", rules.always_allow)
