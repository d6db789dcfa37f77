from django.contrib import admin

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


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "email", "phone")
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
    list_display = ("name", "kind", "email", "mobile", "city")
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
