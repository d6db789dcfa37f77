"""Demo suppliers, catalogue and fault types: what we sell and who stands behind it."""

from __future__ import annotations

from serviceloop.customers.models import ProductLine, ProductModel, ProductModule, Supplier
from serviceloop.tickets.models import FaultType

OWN = "Serviceloop Machines"
HYDRA = "Hydra Präzision GmbH"
PLASTMAQ = "Plastmaq Ltda"
PHOTONIX = "Photonix Optics Co."
LUMINA = "Lumina Laser Systems"
KELLER = "Dr. Hans Keller (freelance)"

# name, kind, e-mail, mobile, phone, city
SUPPLIERS = [
    (OWN, Supplier.Kind.OWN, "service@serviceloop.example", "+49 171 555 0100", "+49 711 555 0100",
     "Stuttgart"),
    (HYDRA, Supplier.Kind.PARTNER, "support@hydra-praezision.example", "+49 172 555 0200",
     "+49 7031 555 020", "Böblingen"),
    (PLASTMAQ, Supplier.Kind.PARTNER, "assistencia@plastmaq.example", "+55 11 95555 0300",
     "+55 11 5555 0300", "São Paulo"),
    (PHOTONIX, Supplier.Kind.SUPPLIER, "tech@photonix.example", "+86 139 5555 0400",
     "+86 27 5555 0400", "Wuhan"),
    (LUMINA, Supplier.Kind.BRAND, "service@lumina-laser.example", "+1 312 555 0500",
     "+1 312 555 0501", "Chicago"),
    (KELLER, Supplier.Kind.FREELANCE, "hans.keller@keller-consult.example", "+41 79 555 06 00",
     "+41 44 555 06 00", "Zürich"),
]  # fmt: skip

# line: (modules, [(model code, name, supplier)])
CATALOGUE = {
    "CNC lathes": (
        ["Spindle", "CNC controller", "Hydraulics", "Electrical cabinet", "Tool turret", "Coolant system"],
        [
            ("CL-200", "Compact CNC lathe 200", OWN),
            ("CL-300", "CNC lathe 300 with Y axis", HYDRA),
            ("CL-500", "Heavy-duty CNC lathe 500", HYDRA),
        ],
    ),
    "Laser cutters": (
        ["Laser source", "Cutting head", "CNC controller", "Chiller", "Electrical cabinet", "Gas supply"],
        [
            ("LC-3015", "Fibre laser cutter 3 x 1.5 m", LUMINA),
            ("LC-6020", "Fibre laser cutter 6 x 2 m", PHOTONIX),
        ],
    ),
    "Injection moulding machines": (
        ["Injection unit", "Clamping unit", "Hydraulics", "Controller", "Heater bands", "Mould cooling"],
        [
            ("IM-150", "Injection moulding machine 150 t", PLASTMAQ),
            ("IM-300", "Injection moulding machine 300 t", OWN),
            ("IM-450", "All-electric moulding machine 450 t", KELLER),
        ],
    ),
}

FAULT_TYPES = [
    ("noise", "Abnormal noise", "异响"),
    ("overheating", "Overheating", "过热"),
    ("alarm", "Alarm code", "报警"),
    ("leak", "Leak", "泄漏"),
    ("precision", "Precision loss", "精度下降"),
    ("software", "Software fault", "软件故障"),
    ("electrical", "Electrical fault", "电气故障"),
    ("vibration", "Vibration", "振动"),
    ("no_start", "Does not start", "无法启动"),
    ("power_loss", "Loss of power or output", "功率下降"),
    ("wear", "Wear or broken part", "磨损或零件损坏"),
]


def create_catalogue() -> None:
    suppliers = {}
    for name, kind, email, mobile, phone, city in SUPPLIERS:
        suppliers[name] = Supplier.objects.create(
            name=name, kind=kind, email=email, mobile=mobile, phone=phone, city=city
        )
    for line_name, (modules, models) in CATALOGUE.items():
        line = ProductLine.objects.create(name=line_name)
        ProductModule.objects.bulk_create(ProductModule(line=line, name=m) for m in modules)
        for code, name, supplier in models:
            ProductModel.objects.create(line=line, code=code, name=name, supplier=suppliers[supplier])
    FaultType.objects.bulk_create(FaultType(code=c, name=n, name_zh=zh) for c, n, zh in FAULT_TYPES)
