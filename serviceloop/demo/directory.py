"""Demo customers: organisations around the world, their contacts and the machines they run."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from serviceloop.customers.models import Contact, Machine, Organisation, ProductModel, Supplier, Tier

from .catalogue import LUMINA


@dataclass
class OrgSpec:
    name: str
    country: str
    region: str
    time_zone: str
    language: str
    tier: str
    site: str
    phone_prefix: str
    domain: str
    contacts: list[tuple[str, str]]  # name, e-mail local part
    machines: int
    models: list[str] = field(default_factory=list)
    notes: str = ""


# The first organisation is the marker that the demo data is loaded.
ORGANISATIONS = [
    OrgSpec("Müller Präzisionsteile GmbH", "DE", "Baden-Württemberg", "Europe/Berlin", "de", Tier.KEY,
            "Industriestraße 12, 70565 Stuttgart, Germany", "+49 711 555", "mueller-praezision.example",
            [("Anna Müller", "anna.mueller"), ("Jörg Schneider", "joerg.schneider"),
             ("Katrin Vogel", "katrin.vogel")], 5, ["CL-200", "CL-300", "LC-3015"],
            "Key account since 2015; two shifts, weekend maintenance window Saturday 06:00-14:00."),
    OrgSpec("上海精工机械有限公司", "CN", "上海", "Asia/Shanghai", "zh-hans", Tier.KEY,
            "中国上海市嘉定区安亭镇墨玉南路 888 号", "+86 21 5555", "shjinggong.example",
            [("李明", "li.ming"), ("张伟", "zhang.wei"), ("刘洋", "liu.yang")], 6,
            ["CL-200", "CL-500", "LC-6020", "IM-300"], "三班倒生产，周日停机维护。"),
    OrgSpec("深圳华创塑胶制品有限公司", "CN", "广东", "Asia/Shanghai", "zh-hans", Tier.STANDARD,
            "中国广东省深圳市宝安区福永街道凤凰工业区 12 栋", "+86 755 5555", "hcplastic.example",
            [("陈静", "chen.jing"), ("黄强", "huang.qiang")], 3, ["IM-150", "IM-300", "IM-450"]),
    OrgSpec("Prairie Fabrication Inc.", "US", "Illinois", "America/Chicago", "en", Tier.STANDARD,
            "2200 W Industrial Blvd, Chicago, IL 60608, USA", "+1 312 555", "prairiefab.example",
            [("Mike Johnson", "mike.johnson"), ("Sarah Miller", "sarah.miller")], 4,
            ["LC-3015", "LC-6020", "CL-200"]),
    OrgSpec("Metalúrgica Paulista S.A.", "BR", "São Paulo", "America/Sao_Paulo", "pt-br", Tier.STANDARD,
            "Av. das Indústrias 450, São Bernardo do Campo, SP, Brazil", "+55 11 5555",
            "metalurgica-paulista.example",
            [("João Silva", "joao.silva"), ("Mariana Costa", "mariana.costa")], 3,
            ["CL-300", "IM-150"]),
    OrgSpec("Bharat Auto Components Pvt. Ltd.", "IN", "Maharashtra", "Asia/Kolkata", "en", Tier.KEY,
            "Plot 47, MIDC Chakan, Pune 410501, India", "+91 20 5555", "bharat-auto.example",
            [("Rajesh Kumar", "rajesh.kumar"), ("Priya Sharma", "priya.sharma"),
             ("Anil Patel", "anil.patel")], 5, ["CL-200", "CL-500", "IM-300"]),
    OrgSpec("Saigon Precision Co., Ltd.", "VN", "Ho Chi Minh City", "Asia/Ho_Chi_Minh", "vi", Tier.BASIC,
            "Lot C3, Tan Thuan EPZ, District 7, Ho Chi Minh City, Vietnam", "+84 28 5555",
            "saigonprecision.example",
            [("Nguyen Van An", "nguyen.an")], 2, ["CL-200", "LC-3015"]),
    OrgSpec("Anadolu Makina A.Ş.", "TR", "Bursa", "Europe/Istanbul", "tr", Tier.STANDARD,
            "Nilüfer OSB, 16140 Bursa, Türkiye", "+90 224 555", "anadolumakina.example",
            [("Mehmet Yılmaz", "mehmet.yilmaz"), ("Ayşe Demir", "ayse.demir")], 3,
            ["CL-300", "LC-6020", "IM-150"]),
    OrgSpec("Cape Plastics (Pty) Ltd", "ZA", "Western Cape", "Africa/Johannesburg", "en", Tier.BASIC,
            "14 Marine Drive, Paarden Eiland, Cape Town 7405, South Africa", "+27 21 555",
            "capeplastics.example",
            [("Thabo Nkosi", "thabo.nkosi"), ("Lerato Dlamini", "lerato.dlamini")], 2,
            ["IM-150", "IM-450"]),
]  # fmt: skip
MARKER_ORGANISATION = ORGANISATIONS[0].name

SPECIAL_BUILDS = {
    "en": [
        "Spindle upgraded to 8,000 rpm; customer-specific tool turret.",
        "110 V control circuit and UL-listed electrical cabinet.",
        "Extended coolant tank and chip conveyor on the left side.",
        "Tropical package: cabinet air conditioner and sealed connectors.",
    ],
    "zh-hans": ["加强版防尘罩，主轴转速提升至 8000 转/分。", "配置自动上下料机械手接口。"],
}


def _machines(rng: random.Random, org: Organisation, spec: OrgSpec, counter: dict[str, int]) -> None:
    models = {m.code: m for m in ProductModel.objects.filter(code__in=spec.models)}
    lumina = Supplier.objects.get(name=LUMINA)
    notes = SPECIAL_BUILDS["zh-hans" if spec.language == "zh-hans" else "en"]
    for i in range(spec.machines):
        model = models[spec.models[i % len(spec.models)]]
        ship = date(2019, 1, 15) + timedelta(days=rng.randrange(0, 6 * 365))
        counter[model.code] = counter.get(model.code, 0) + 1
        warranty_years = 3 if spec.tier == Tier.KEY else 2
        Machine.objects.create(
            organisation=org,
            model=model,
            serial_number=f"{model.code.replace('-', '')}-{ship:%y}-{counter[model.code]:04d}",
            ship_date=ship,
            warranty_end=ship + timedelta(days=365 * warranty_years),
            site_address=spec.site if i < 3 else f"{spec.site} (hall {i})",
            special_build_notes=rng.choice(notes) if rng.random() < 0.3 else "",
            # Some laser cutters were bought through the brand's own channel: the brand answers for them.
            supplier=lumina if model.code == "LC-6020" and rng.random() < 0.5 else None,
        )


def create_directory(rng: random.Random) -> None:
    counter: dict[str, int] = {}
    for spec in ORGANISATIONS:
        org = Organisation.objects.create(
            name=spec.name, country=spec.country, region=spec.region, time_zone=spec.time_zone,
            language=spec.language, tier=spec.tier, notes=spec.notes, mail_domains=spec.domain,
        )  # fmt: skip
        for n, (name, local) in enumerate(spec.contacts, start=1):
            Contact.objects.create(
                organisation=org, name=name, email=f"{local}@{spec.domain}",
                phone=f"{spec.phone_prefix} {1000 + n * 11}", mobile=f"{spec.phone_prefix} 9{n:03d}",
                language=spec.language, time_zone=spec.time_zone,
            )  # fmt: skip
        _machines(rng, org, spec, counter)
