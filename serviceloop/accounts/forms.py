import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User

_ZONES = sorted(zoneinfo.available_timezones())


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in _ZONES])

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "time_zone"]
