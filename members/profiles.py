"""Actions on expert profiles."""

from __future__ import annotations

from django.db import transaction

from .forms import ExpertProfileForm
from .models import ExpertProfile, User
from .photos import resized


def profile_for_editing(user: User) -> ExpertProfile:
    """The member's profile, or a new unsaved one named after their account."""
    try:
        return user.profile
    except ExpertProfile.DoesNotExist:
        return ExpertProfile(
            user=user, display_name=user.get_full_name() or user.email.split("@")[0]
        )


@transaction.atomic
def save_profile(form: ExpertProfileForm) -> ExpertProfile:
    """Save a valid profile form; a new photo is stored resized, without its metadata."""
    profile = form.save(commit=False)
    photo = form.cleaned_data.get("photo")
    if photo and hasattr(photo, "content_type"):
        profile.photo.save(f"{profile.user_id}.jpg", resized(photo), save=False)
    profile.save()
    form.save_m2m()
    return profile
