from .catalogue import ProductLine, ProductModel, ProductModule
from .contact import Contact
from .machine import Machine
from .organisation import Organisation, Tier
from .supplier import Supplier

__all__ = [
    "Contact",
    "Machine",
    "Organisation",
    "ProductLine",
    "ProductModel",
    "ProductModule",
    "Supplier",
    "Tier",
]
