"""The event organiser's chooser: the member chooser, in the event editor's words."""

from members.choosers import MemberChooserViewSet


class OrganiserChooserViewSet(MemberChooserViewSet):
    choose_one_text = "Choose the organiser"
    choose_another_text = "Choose another organiser"


organiser_chooser_viewset = OrganiserChooserViewSet("event_organiser_chooser")
