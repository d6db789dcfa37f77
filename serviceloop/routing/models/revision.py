from serviceloop.core.revision import SingleRevision


class RoutingRevision(SingleRevision):
    """One row whose revision is renewed by every change of any routing rule.

    Every process keeps the active rules in memory and reads this revision with the service levels'
    own (one query per new ticket for both); a new one means reload. There is no row until the first
    rule is saved, so a desk without rules never loads any."""
