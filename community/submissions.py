"""The "submit a practice" page of a call for good practices: thin, the rules are actions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from community.actions.submissions import check_can_submit_practice, submit_practice
from community.forms import PracticeSubmissionForm
from community.models import CallPage

TEMPLATE = "community/submit_practice.html"


def submit_practice_view(request, call: CallPage):
    if not call.accepts_practices:
        raise Http404
    if call.is_open and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"page": call, "self": call}
    try:
        check_can_submit_practice(request.user, call)
    except PermissionDenied as refusal:
        # Closed call or unverified address: say why, in the site's layout, not a bare 403.
        context["refusal"] = str(refusal)
        return TemplateResponse(request, TEMPLATE, context, status=403)

    form = PracticeSubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        practice = submit_practice(user=request.user, call=call, data=form.cleaned_data)
        messages.success(
            request,
            _(
                "Thank you. “%(title)s” awaits review by the community's moderators; "
                "we will e-mail you when they have decided."
            )
            % {"title": practice.title},
        )
        return redirect(call.url)
    context["form"] = form
    return TemplateResponse(request, TEMPLATE, context, status=400 if form.errors else 200)
