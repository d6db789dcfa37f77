from django.urls import path

from .views import attachments, lookup, phone, queue, ticket

app_name = "console"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("tickets/<str:number>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<str:number>/messages/", ticket.post_message, name="message"),
    path("tickets/<str:number>/transition/", ticket.post_transition, name="transition"),
    path("tickets/<str:number>/edit/", ticket.post_edit, name="edit"),
    path("tickets/<str:number>/watch/", ticket.post_watch, name="watch"),
    path("attachments/<int:pk>/", attachments.attachment, name="attachment"),
    path("phone/", phone.phone, name="phone"),
    path("phone/customer/", phone.phone_customer, name="phone_customer"),
    path("lookup/", lookup.lookup, name="lookup"),
]
