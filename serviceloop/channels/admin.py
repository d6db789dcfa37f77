from django.contrib import admin

from .models import Receipt


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    list_display = ("received_at", "source", "state", "ticket", "received_by")
    list_filter = ("source", "state")
    readonly_fields = ("source", "received_at", "received_by", "payload", "state", "error", "ticket")
