from django.urls import path

from .views import (
    attachments,
    lookup,
    mail,
    notifications,
    outgoing_mail,
    phone,
    queue,
    service_levels,
    ticket,
)

app_name = "console"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("tickets/<str:number>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<str:number>/messages/", ticket.post_message, name="message"),
    path("tickets/<str:number>/transition/", ticket.post_transition, name="transition"),
    path("tickets/<str:number>/edit/", ticket.post_edit, name="edit"),
    path("tickets/<str:number>/watch/", ticket.post_watch, name="watch"),
    path("tickets/<str:number>/take-charge/", service_levels.take_charge, name="take_charge"),
    path("tickets/<str:number>/milestone/", service_levels.post_milestone, name="milestone"),
    path("service-levels/", service_levels.service_level_board, name="board"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    path("tickets/<str:number>/mail/<int:pk>/resend/", outgoing_mail.post_resend, name="resend_mail"),
    path("attachments/<int:pk>/", attachments.attachment, name="attachment"),
    path("phone/", phone.phone, name="phone"),
    path("phone/customer/", phone.phone_customer, name="phone_customer"),
    path("lookup/", lookup.lookup, name="lookup"),
    path("mail/", mail.mail_list, name="mail_list"),
    path("mail/<int:pk>/", mail.mail_detail, name="mail_detail"),
    path("mail/<int:pk>/source/", mail.mail_source, name="mail_source"),
    path("mail/<int:pk>/retry/", mail.mail_retry, name="mail_retry"),
]
