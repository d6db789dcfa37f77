from .handoff import HandOff, Tier, TierTeam
from .revision import RoutingRevision
from .rule import RoutingRule, WarrantyStatus

__all__ = ["HandOff", "RoutingRevision", "RoutingRule", "Tier", "TierTeam", "WarrantyStatus"]
