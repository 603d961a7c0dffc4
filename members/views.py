from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import ExpertProfile


def directory(request):
    profiles = (
        ExpertProfile.objects.listed_for(request.user)
        .select_related("region")
        .prefetch_related("action_lines")
    )
    page = Paginator(profiles, 24).get_page(request.GET.get("page"))
    return render(request, "members/directory.html", {"page": page})


def profile(request, pk: int):
    expert = get_object_or_404(
        ExpertProfile.objects.visible_to(request.user)
        .select_related("region")
        .prefetch_related("action_lines", "themes"),
        pk=pk,
    )
    return render(request, "members/profile.html", {"expert": expert})
