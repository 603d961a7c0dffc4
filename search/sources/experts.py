"""Expert profiles: found as the directory lists them (ExpertProfile.listed_for)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from members.models import ExpertProfile, Visibility
from search.audience import MEMBERS, PUBLIC, Audience
from search.kinds import Kind

from .base import Record, Source, countries_of
from .pages import public_partner_ids


class ExpertSource(Source):
    kind = Kind.EXPERT
    model = ExpertProfile

    def indexable(self):
        # Listed for visitors (public) or for other members (members only); a hidden profile
        # is listed for nobody, not even its owner, so it is not indexed.
        return (
            ExpertProfile.objects.filter(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
            .select_related("organisation", "region")
            .prefetch_related("languages", "action_lines", "themes", "sdgs")
        )

    def records(self, objects: Iterable[ExpertProfile]) -> list[Record]:
        objects = list(objects)
        public = set(
            ExpertProfile.objects.listed_for(AnonymousUser())
            .filter(pk__in=[profile.pk for profile in objects])
            .values_list("pk", flat=True)
        )
        partners = public_partner_ids()
        records = []
        for profile in objects:
            organisation = profile.organisation if profile.organisation_id in partners else None
            lines = list(profile.action_lines.all())
            themes = list(profile.themes.all())
            body = " ".join(
                [
                    profile.headline,
                    profile.position,
                    profile.affiliation,
                    organisation.title if organisation else "",
                    profile.biography,
                    " ".join(language.name for language in profile.languages.all()),
                    " ".join(line.title for line in lines),
                    " ".join(theme.title for theme in themes),
                    profile.region.name if profile.region_id else "",
                ]
            )
            records.append(
                Record(
                    kind=self.kind,
                    object_id=profile.pk,
                    title=profile.display_name,
                    body=" ".join(body.split()),
                    summary=profile.headline,
                    url=profile.get_absolute_url(),
                    audience=Audience(PUBLIC if profile.pk in public else MEMBERS),
                    facets={
                        "line": [line.code for line in lines],
                        "theme": [theme.slug for theme in themes],
                        "sdg": [str(goal.number) for goal in profile.sdgs.all()],
                        "region": [profile.region.slug] if profile.region_id else [],
                        "country": countries_of(profile.country),
                        "language": [language.code for language in profile.languages.all()],
                        "partner": [organisation.slug] if organisation else [],
                    },
                )
            )
        return records
