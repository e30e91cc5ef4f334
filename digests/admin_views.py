"""Editors' digest page in the Wagtail admin: each run's numbers, and starting a run."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import DigestRun
from .periods import InvalidPeriod, local_today, parse_period, weekly_period
from .runs import check_started, run_outcomes, start_run

VIEW_PERMISSION = "digests.view_digestrun"
START_PERMISSION = "digests.add_digestrun"
RUNS_PER_PAGE = 25


class StartRunForm(forms.Form):
    period = forms.CharField(
        label="Period",
        max_length=16,
        help_text="A week such as 2026-W47 (weekly digests) or a date such as 2026-11-23 "
        "(daily digests).",
    )

    def clean_period(self):
        try:
            period = parse_period(self.cleaned_data["period"])
            check_started(period)
        except InvalidPeriod as error:
            raise forms.ValidationError(str(error)) from None
        return period


class DigestRunsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Digests"
    header_icon = "mail"
    template_name = "digests/admin/runs.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(DigestRun.objects.select_related("started_by"), RUNS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        outcomes = run_outcomes(page.object_list)
        context.update(
            page_obj=page,
            runs=[(run, outcomes.get(run.pk, {})) for run in page.object_list],
            can_start=self.request.user.has_perm(START_PERMISSION),
            form=form or StartRunForm(initial={"period": weekly_period(local_today()).key}),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(START_PERMISSION):
            raise PermissionDenied
        form = StartRunForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The run was not started. Correct the period below.")
            return self.render_to_response(self.get_context_data(form=form))
        run = start_run(
            form.cleaned_data["period"], trigger=DigestRun.Trigger.EDITOR, started_by=request.user
        )
        messages.success(
            request,
            f"Started a run for {run.period}: {run.considered} members are due a digest "
            "and have not had one for it.",
        )
        return redirect("digests_admin:runs")
