"""Accounts and expert profiles."""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the community; the e-mail address is the login identifier."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see it")
    MEMBERS = "members", _("Members only: signed-in members can see it")
    HIDDEN = "hidden", _("Hidden: only you can see it")


class ExpertProfileQuerySet(models.QuerySet):
    def visible_to(self, user) -> ExpertProfileQuerySet:
        """The one definition of who may see a profile: pages, listings, search, API."""
        if user.is_authenticated and user.is_staff:
            return self
        if user.is_authenticated:
            return self.filter(
                models.Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
                | models.Q(user=user)
            )
        return self.filter(visibility=Visibility.PUBLIC)

    def listed_for(self, user) -> ExpertProfileQuerySet:
        """Profiles shown in the directory: hidden ones never are, not even to their owner."""
        return self.visible_to(user).exclude(visibility=Visibility.HIDDEN)


class ExpertProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=120)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        "community.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Language codes separated by commas, for example: en, ar, fr"),
    )
    action_lines = models.ManyToManyField("community.ActionLine", blank=True, related_name="+")
    themes = models.ManyToManyField("community.Theme", blank=True, related_name="+")
    visibility = models.CharField(
        _("who can see this profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    is_sample = models.BooleanField(
        _("sample profile"),
        default=False,
        help_text=_("A made-up profile that shows what the directory looks like."),
    )

    objects = ExpertProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("members:profile", args=[self.pk])


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


class OrganisationMembership(models.Model):
    """A member's role in a partner organisation.

    The role is mirrored into the organisation's Django groups, which carry the Wagtail page
    permissions on the organisation's pages (see members/organisations.py).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "community.PartnerPage", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=OrganisationRole.choices, default=OrganisationRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_organisation"
            )
        ]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")

    def __str__(self) -> str:
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"
