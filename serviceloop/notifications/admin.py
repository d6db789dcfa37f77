from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "urgent", "read_at", "mail")
    list_filter = ("kind", "urgent", "mail")
    search_fields = ("title", "recipient__username")
    raw_id_fields = ("recipient", "ticket")
    readonly_fields = ("created_at", "mailed_at", "mail_tries")
