"""The Wagtail admin's member chooser.

Editors pick a member (an event's organiser, a community's member) from a searchable,
paginated list in a modal, instead of a drop-down that would load every account into the
page. Other apps use `member_chooser_viewset.widget_class`, or subclass the viewset for
their own wording.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class MemberSearchForm(BaseFilterForm):
    # "q" is the field the chooser modal's script searches as the editor types.
    q = forms.CharField(
        label="Search by name, email address or organisation",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Search members"}),
    )

    def filter(self, members):
        members = super().filter(members)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            members = members.filter(
                Q(display_name__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
                | Q(organisation__icontains=query)
            )
        return members


class MemberChooseMixin:
    filter_form_class = MemberSearchForm
    ordering = ["display_name", "email", "pk"]

    def get_object_list(self):
        return self.model_class.objects.filter(is_active=True).only(
            "pk", "email", "display_name", "first_name", "last_name", "organisation"
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("email", label="Email address"),
            Column("organisation", label="Organisation"),
        ]


class MemberChooseView(MemberChooseMixin, ChooseView):
    pass


class MemberChooseResultsView(MemberChooseMixin, ChooseResultsView):
    pass


class MemberChooserViewSet(ChooserViewSet):
    model = settings.AUTH_USER_MODEL
    icon = "user"
    choose_one_text = "Choose a member"
    choose_another_text = "Choose another member"
    edit_item_text = "Edit member"
    per_page = 20
    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    # Only the fields that ask for it get this chooser; other apps' links to members keep theirs.
    register_widget = False


member_chooser_viewset = MemberChooserViewSet("member_chooser")
