from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from serviceloop.core import policy

from .forms import PreferencesForm


@login_required
def home(request):
    """Send each person to their own face of the product."""
    if policy.can_use_console(request.user):
        return redirect("console:queue")
    return redirect("portal:tickets")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        translation.activate(form.cleaned_data["language"])  # confirm in the language just chosen
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "accounts/preferences.html", {"form": form})
