"""Customers' organisations, their contacts and their installed machines."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from .common import Input, OrganisationRef, ProductModelRef


class OrganisationIn(Input):
    name: str
    country: str
    region: str = ""
    time_zone: str = "UTC"
    language: str = "en"
    tier: str = "standard"
    notes: str = ""


class OrganisationPatch(Input):
    name: str | None = None
    country: str | None = None
    region: str | None = None
    time_zone: str | None = None
    language: str | None = None
    tier: str | None = None
    notes: str | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    country: str
    region: str
    time_zone: str
    language: str
    tier: str
    created_at: datetime


class ContactIn(Input):
    organisation_id: int
    name: str
    email: str = ""
    phone: str = ""
    mobile: str = ""
    language: str = ""
    time_zone: str = ""


class ContactPatch(Input):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    language: str | None = None
    time_zone: str | None = None


class ContactOut(Schema):
    id: int
    organisation: OrganisationRef
    name: str
    email: str
    phone: str
    mobile: str
    language: str
    time_zone: str


class MachineIn(Input):
    organisation_id: int
    model_id: int
    serial_number: str
    ship_date: date | None = None
    warranty_end: date | None = None
    site_address: str = ""
    special_build_notes: str = ""
    supplier_id: int | None = None


class MachinePatch(Input):
    organisation_id: int | None = None
    model_id: int | None = None
    serial_number: str | None = None
    ship_date: date | None = None
    warranty_end: date | None = None
    site_address: str | None = None
    special_build_notes: str | None = None
    supplier_id: int | None = None


class MachineOut(Schema):
    id: int
    organisation: OrganisationRef
    model: ProductModelRef
    serial_number: str
    ship_date: date | None
    warranty_end: date | None
    site_address: str
    special_build_notes: str
    supplier_id: int | None
