"""What routing writes to a ticket's history (and publishes as a domain event)."""

RULE_APPLIED = "routing.rule_applied"
