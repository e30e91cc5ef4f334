"""What staff do to member accounts: find them, deactivate and reactivate them.

Deactivation and reactivation are recorded in Wagtail's audit log. A deactivated member cannot
sign in, and their open sessions stop working at once (Django's authentication backends refuse
inactive users on every request, not only at sign-in).
"""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from wagtail.log_actions import log

from .models import User

DEACTIVATE_ACTION = "members.deactivate"
REACTIVATE_ACTION = "members.reactivate"


def members_for_staff() -> QuerySet[User]:
    """Every account, each annotated with whether its sign-in address is verified (no per-row
    query)."""
    verified_address = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    return User.objects.annotate(email_verified=Exists(verified_address))


def audit_label(member: User) -> str:
    """How the audit log names the member: by id only, because the log outlives an erased
    account and must hold no personal data."""
    return f"Member {member.pk}"


def staff_may_change_access(member: User, *, staff: User) -> bool:
    """Nobody locks themselves out, and only a superuser can deactivate a superuser."""
    if member.pk == staff.pk:
        return False
    return staff.is_superuser or not member.is_superuser


@transaction.atomic
def member_set_active(member: User, *, active: bool, by: User) -> bool:
    """Deactivates or reactivates the member's account; False if it already was."""
    changed = User.objects.filter(pk=member.pk, is_active=not active).update(is_active=active)
    if not changed:
        return False
    member.is_active = active
    log(
        instance=member,
        action=REACTIVATE_ACTION if active else DEACTIVATE_ACTION,
        user=by,
        title=audit_label(member),
    )
    return True
