"""The "Members" section of the Wagtail admin: staff find members and change their access.

Staff who may change users (the members.change_user permission, or superusers) can search
members by email, name or organisation, see whether each has verified their email address,
whether their account is active, when they joined and last signed in, filter on verification
and activity, and deactivate or reactivate an account after a confirmation step. Each change is
written to Wagtail's audit log and shown on the member's history page.

The profile itself is edited in Wagtail's own Users section, which this one links to; this
viewset adds no add, edit or delete views of its own, and leaves the User model's admin URL
finder, permissions and reference indexing to the Users viewset.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect

from .models import User
from .staff import member_set_active, members_for_staff, staff_may_change_access

USER_EDIT_URL_NAME = "wagtailusers_users:edit"


class MemberFilterSet(WagtailFilterSet):
    email_verified = django_filters.BooleanFilter(
        label="Email address verified", widget=BooleanRadioSelect
    )
    is_active = django_filters.BooleanFilter(label="Active", widget=BooleanRadioSelect)

    class Meta:
        model = User
        fields = []


class MemberIndexView(generic.IndexView):
    any_permission_required = ["change"]
    page_title = "Members"
    default_ordering = "-date_joined"
    search_fields = ["email", "display_name", "first_name", "last_name", "organisation"]
    search_backend_name = None  # a plain database search over those fields

    def get_base_queryset(self):
        return members_for_staff().only(
            "id",
            "email",
            "display_name",
            "first_name",
            "last_name",
            "organisation",
            "is_active",
            "is_superuser",
            "date_joined",
            "last_login",
        )

    @cached_property
    def columns(self):
        name_column = self._get_title_column_class(TitleColumn)
        return [
            name_column(
                "name",
                label="Name",
                accessor=lambda member: member.display_name or member.get_full_name() or "–",
                sort_key="display_name",
                get_url=self.get_edit_url,
            ),
            Column("email", label="Email address", sort_key="email"),
            Column("organisation", label="Organisation", sort_key="organisation"),
            StatusFlagColumn(
                "email_verified",
                label="Email verified",
                true_label="Verified",
                false_label="Not verified",
                sort_key="email_verified",
            ),
            StatusFlagColumn(
                "is_active",
                label="Account",
                true_label="Active",
                false_label="Deactivated",
                sort_key="is_active",
            ),
            DateColumn("date_joined", label="Joined", sort_key="date_joined"),
            DateColumn("last_login", label="Last signed in", sort_key="last_login"),
        ]

    def get_edit_url(self, instance):
        return reverse(USER_EDIT_URL_NAME, args=[instance.pk])

    def get_list_more_buttons(self, instance):
        buttons = [
            MenuItem(
                "Edit in Users", url=self.get_edit_url(instance), icon_name="edit", priority=10
            ),
            MenuItem(
                "History",
                url=reverse(MemberViewSet.url_namespace_for("history"), args=[instance.pk]),
                icon_name="history",
                priority=40,
            ),
        ]
        if staff_may_change_access(instance, staff=self.request.user):
            action = "reactivate" if not instance.is_active else "deactivate"
            buttons.append(
                MenuItem(
                    "Reactivate" if action == "reactivate" else "Deactivate",
                    url=reverse(MemberViewSet.url_namespace_for(action), args=[instance.pk]),
                    icon_name="lock-open" if action == "reactivate" else "lock",
                    priority=30,
                )
            )
        return buttons


class MemberAccessView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks to confirm (GET), then deactivates or reactivates the member's account (POST)."""

    model = User
    permission_required = "change"
    template_name = "members/admin/confirm_access.html"
    header_icon = "user"
    activate = False
    index_url_name = None

    def get_member(self) -> User:
        member = get_object_or_404(
            User.objects.only("id", "email", "display_name", "is_active", "is_superuser"),
            pk=self.kwargs["pk"],
        )
        if not staff_may_change_access(member, staff=self.request.user):
            raise PermissionDenied
        return member

    def get_page_title(self):
        return "Reactivate account" if self.activate else "Deactivate account"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Members"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        self.member = self.get_member()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        name = member.display_name or member.email
        if member_set_active(member, active=self.activate, by=request.user):
            messages.success(
                request,
                f"{name} can sign in again" if self.activate else f"{name} can no longer sign in",
            )
        else:
            messages.info(
                request,
                f"{name}'s account was already {'active' if self.activate else 'deactivated'}",
            )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            activate=self.activate,
            index_url=reverse(self.index_url_name),
        )
        return context


class MemberViewSet(ModelViewSet):
    model = User
    icon = "group"
    menu_label = "Members"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "members"
    index_view_class = MemberIndexView
    filterset_class = MemberFilterSet
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False

    # The viewset's URL namespace; not "members", which is the site's own members app.
    NAME = "member_accounts"

    @classmethod
    def url_namespace_for(cls, view_name: str) -> str:
        return f"{cls.NAME}:{view_name}"

    def __init__(self, name=NAME, **kwargs):
        super().__init__(name, **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            add_url_name=None,
            edit_url_name=USER_EDIT_URL_NAME,
            delete_url_name=None,
            usage_url_name=None,
        )
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path("<int:pk>/history/results/", self.history_results_view, name="history_results"),
            path(
                "<int:pk>/deactivate/",
                MemberAccessView.as_view(activate=False, index_url_name=self.get_url_name("index")),
                name="deactivate",
            ),
            path(
                "<int:pk>/reactivate/",
                MemberAccessView.as_view(activate=True, index_url_name=self.get_url_name("index")),
                name="reactivate",
            ),
        ]

    # The Users viewset already does these for the User model; doing them again would point
    # the admin URL finder at views this viewset does not have.
    def register_admin_url_finder(self):
        pass

    def register_reference_index(self):
        pass

    def register_permissions(self):
        pass
