from django.contrib import admin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent with the "Invite to the customer portal" action on contacts."""

    list_display = ("email", "contact", "created_at", "expires_at", "accepted_at", "created_by")
    search_fields = ("email", "contact__name")
    readonly_fields = ("contact", "email", "created_by", "created_at", "expires_at", "accepted_at", "user")
    exclude = ("token_hash",)

    def has_add_permission(self, request) -> bool:
        return False
