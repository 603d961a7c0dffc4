"""Forms members fill in about themselves; each error is shown at its field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ExpertProfile, VerificationRequest
from .photos import PHOTO_LIMITS_TEXT, validate_photo

ORCID_LENGTH = 16


def orcid_checksum_ok(digits: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID specifies for its last character."""
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1].upper() == ("X" if check == 10 else str(check))


class ExpertProfileForm(forms.ModelForm):
    # Longer than the stored iD: people paste the whole https://orcid.org/... address.
    orcid = forms.CharField(
        label=_("ORCID iD"),
        max_length=60,
        required=False,
        help_text=_("For example 0000-0002-1825-0097"),
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "display_name",
            "headline",
            "biography",
            "photo",
            "organisation",
            "affiliation",
            "position",
            "country",
            "region",
            "languages",
            "action_lines",
            "themes",
            "sdgs",
            "years_of_experience",
            "website",
            "orcid",
            "linkedin",
            *ExpertProfile.OPEN_TO_FIELDS,
            "visibility",
        ]
        widgets = {
            "biography": forms.Textarea(attrs={"rows": 8}),
            "languages": forms.CheckboxSelectMultiple,
            "action_lines": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = PHOTO_LIMITS_TEXT
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.live()
        self.fields["years_of_experience"].widget.attrs.update(min=0, max=70)
        for name in ("website", "linkedin"):
            self.fields[name].assume_scheme = "https"  # "example.org" means https://example.org

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload, not the stored file
            validate_photo(photo)
        return photo

    def clean_years_of_experience(self):
        years = self.cleaned_data.get("years_of_experience")
        if years is not None and years > 70:
            raise ValidationError(_("Enter a number of years between 0 and 70."))
        return years

    def clean_orcid(self) -> str:
        orcid = self.cleaned_data.get("orcid", "").strip().upper()
        if not orcid:
            return ""
        for prefix in ("HTTPS://ORCID.ORG/", "HTTP://ORCID.ORG/", "ORCID.ORG/"):
            orcid = orcid.removeprefix(prefix)
        digits = orcid.replace("-", "")
        if (
            len(digits) != ORCID_LENGTH
            or not digits[:-1].isdigit()
            or not orcid_checksum_ok(digits)
        ):
            raise ValidationError(
                _("Enter an ORCID iD like 0000-0002-1825-0097, with a valid last check digit.")
            )
        return "-".join(digits[i : i + 4] for i in range(0, ORCID_LENGTH, 4))

    def clean_linkedin(self) -> str:
        url = self.cleaned_data.get("linkedin", "")
        if url and not url.split("/")[2].lower().removeprefix("www.").endswith("linkedin.com"):
            raise ValidationError(_("Enter the address of a LinkedIn profile (linkedin.com)."))
        return url


class VerificationRequestForm(forms.ModelForm):
    class Meta:
        model = VerificationRequest
        fields = ["evidence", "links"]
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 8}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_links(self) -> str:
        validator = forms.URLField(assume_scheme="https")
        lines = [
            line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()
        ]
        for line in lines:
            try:
                validator.clean(line)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(link)s” is not a valid web address.") % {"link": line}
                ) from error
        return "\n".join(lines)


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason, shown to the member"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, so the member knows what to improve."))
        return cleaned
