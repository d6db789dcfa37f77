from .expert import ExpertContact
from .handoff import HandOff, Tier, TierTeam
from .offer import SupplierOffer
from .revision import RoutingRevision
from .rule import RoutingRule, WarrantyStatus

__all__ = [
    "ExpertContact",
    "HandOff",
    "RoutingRevision",
    "RoutingRule",
    "SupplierOffer",
    "Tier",
    "TierTeam",
    "WarrantyStatus",
]
