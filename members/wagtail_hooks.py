from wagtail import hooks

from .choosers import member_chooser_viewset
from .staff import DEACTIVATE_ACTION, REACTIVATE_ACTION
from .viewsets import MemberViewSet


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet()


@hooks.register("register_admin_viewset")
def register_member_chooser():
    return member_chooser_viewset


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    actions.register_action(DEACTIVATE_ACTION, "Deactivate account", "Account deactivated")
    actions.register_action(REACTIVATE_ACTION, "Reactivate account", "Account reactivated")
