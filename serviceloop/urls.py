from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from serviceloop.accounts import views as account_views
from serviceloop.portal.views import help_actions

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/preferences/", account_views.preferences, name="preferences"),
    path("console/", include("serviceloop.console.urls")),
    path("portal/", include("serviceloop.portal.urls")),
    path("help/", include("serviceloop.portal.help_urls")),
    path("sitemap.xml", help_actions.sitemap, name="sitemap"),
    path("api/v1/", include("serviceloop.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "serviceloop.core.views.bad_request"
handler403 = "serviceloop.core.views.permission_denied"
handler404 = "serviceloop.core.views.page_not_found"
