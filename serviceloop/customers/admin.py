from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Contact, Machine, Organisation, ProductLine, ProductModel, ProductModule, Supplier


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("name", "email", "phone", "language", "time_zone")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "tier", "time_zone", "account_manager")
    list_filter = ("tier", "country")
    search_fields = ("name",)
    inlines = [ContactInline]


@admin.action(description=_("Invite to the customer portal"))
def invite_to_portal(modeladmin, request, queryset):
    # The portal is a higher layer than the directory, so it is imported only when the action runs.
    from serviceloop.core.errors import ServiceError
    from serviceloop.portal.services import invite_contact

    sent = 0
    for contact in queryset.select_related("organisation"):
        try:
            invite_contact(request.user, contact)
            sent += 1
        except ServiceError as exc:
            modeladmin.message_user(request, f"{contact}: {exc.message}", messages.WARNING)
    if sent:
        modeladmin.message_user(
            request, ngettext("%d invitation sent.", "%d invitations sent.", sent) % sent, messages.SUCCESS
        )


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "email", "phone")
    actions = [invite_to_portal]
    search_fields = ("name", "email", "phone")
    autocomplete_fields = ("organisation",)


@admin.register(Machine)
class MachineAdmin(admin.ModelAdmin):
    list_display = ("serial_number", "model", "organisation", "ship_date", "warranty_end")
    search_fields = ("serial_number", "organisation__name")
    list_filter = ("model",)
    autocomplete_fields = ("organisation",)


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "email", "mobile", "city", "handles_in_warranty",
                    "service_contract_until")  # fmt: skip
    list_filter = ("kind", "handles_in_warranty")
    search_fields = ("name",)


class ProductModelInline(admin.TabularInline):
    model = ProductModel
    extra = 0


class ProductModuleInline(admin.TabularInline):
    model = ProductModule
    extra = 0


@admin.register(ProductLine)
class ProductLineAdmin(admin.ModelAdmin):
    inlines = [ProductModelInline, ProductModuleInline]


@admin.register(ProductModel)
class ProductModelAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "line", "supplier")
    search_fields = ("code", "name")
