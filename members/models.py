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
    # The name others @mention in the forums; made from the member's name when first needed
    # (members/handles.py), so it never reveals the e-mail address.
    handle = models.SlugField(_("forum name"), max_length=40, unique=True, null=True, blank=True)

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


class Language(models.Model):
    """A language members speak; ISO 639-1 codes."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class ExpertProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=120)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    biography = models.TextField(
        _("biography"),
        blank=True,
        max_length=5000,
        help_text=_("Markdown: *emphasis*, links, lists."),
    )
    photo = models.ImageField(_("photo"), upload_to="profiles/", blank=True)
    organisation = models.ForeignKey(
        "community.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
        verbose_name=_("partner organisation"),
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("Where you work, if it is not one of the partner organisations."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        "community.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("region"),
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="speakers", verbose_name=_("languages spoken")
    )
    action_lines = models.ManyToManyField(
        "community.ActionLine", blank=True, related_name="+", verbose_name=_("WSIS action lines")
    )
    themes = models.ManyToManyField(
        "community.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(
        "community.SustainableDevelopmentGoal",
        blank=True,
        related_name="+",
        verbose_name=_("Sustainable Development Goals"),
    )
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"), max_length=19, blank=True, help_text=_("For example 0000-0002-1825-0097")
    )
    linkedin = models.URLField(_("LinkedIn profile"), blank=True)
    open_to_mentoring = models.BooleanField(_("mentoring"), default=False)
    open_to_advisory = models.BooleanField(_("advisory work"), default=False)
    open_to_speaking = models.BooleanField(_("speaking"), default=False)
    open_to_peer_review = models.BooleanField(_("peer review"), default=False)
    open_to_collaboration = models.BooleanField(_("collaboration"), default=False)
    visibility = models.CharField(
        _("who can see this profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    verified_at = models.DateTimeField(_("verified expert since"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample profile"),
        default=False,
        help_text=_("A made-up profile that shows what the directory looks like."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertProfileQuerySet.as_manager()

    OPEN_TO_FIELDS = [
        "open_to_mentoring",
        "open_to_advisory",
        "open_to_speaking",
        "open_to_peer_review",
        "open_to_collaboration",
    ]

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("members:profile", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def open_to(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.OPEN_TO_FIELDS
            if getattr(self, name)
        ]


class VerificationRequest(models.Model):
    """A member's application to be shown as a verified expert, decided by a moderator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verification_requests")
    evidence = models.TextField(
        _("evidence"),
        max_length=3000,
        help_text=_("Your experience, roles and work that show your expertise."),
    )
    links = models.TextField(
        _("links"), blank=True, max_length=2000, help_text=_("One address per line.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        permissions = [("review_verificationrequest", _("Can decide expert verification"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_verification_per_member",
            )
        ]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"


class Follow(models.Model):
    """A member following an expert, an organisation or a topic; exactly one target is set."""

    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="follows")
    expert = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    organisation = models.ForeignKey(
        "community.PartnerPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action_line = models.ForeignKey(
        "community.ActionLine", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        "community.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    TARGETS = ["expert", "organisation", "action_line", "theme"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        expert__isnull=False,
                        organisation__isnull=True,
                        action_line__isnull=True,
                        theme__isnull=True,
                    )
                    | models.Q(
                        expert__isnull=True,
                        organisation__isnull=False,
                        action_line__isnull=True,
                        theme__isnull=True,
                    )
                    | models.Q(
                        expert__isnull=True,
                        organisation__isnull=True,
                        action_line__isnull=False,
                        theme__isnull=True,
                    )
                    | models.Q(
                        expert__isnull=True,
                        organisation__isnull=True,
                        action_line__isnull=True,
                        theme__isnull=False,
                    )
                ),
                name="follow_has_exactly_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["follower", target],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"follow_{target}_once",
                )
                for target in ["expert", "organisation", "action_line", "theme"]
            ],
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        target = self.expert or self.organisation or self.action_line or self.theme
        return f"{self.follower} follows {target}"


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
