from django.urls import path

from .views import attachments, invitations, submit, tickets, verification

app_name = "portal"
urlpatterns = [
    path("", tickets.ticket_list, name="tickets"),
    path("new/", submit.new_ticket, name="new"),
    path("tickets/<str:number>/", tickets.ticket_detail, name="ticket"),
    path("tickets/<str:number>/reply/", tickets.reply, name="reply"),
    path("tickets/<str:number>/action/", tickets.action, name="action"),
    path("tickets/<str:number>/attachments/<int:attachment_id>/", attachments.attachment, name="attachment"),
    path("invitations/<str:token>/", invitations.accept_invitation, name="accept_invitation"),
    path("verify/<str:token>/", verification.verify, name="verify"),
]
