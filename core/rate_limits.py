"""How often a member may do something on the site: the one rate-limit mechanism of the apps.

Each action is an allauth rate limit, counted in the default cache exactly as the sign-in and
sign-up limits are: its rate is the entry of ACCOUNT_RATE_LIMITS named after the action (today
"community_post", for posting in the communities, and "case_study_submission"), counted per
member over a sliding window, so a refusal's "in the last 5 minutes" is what was counted.
A refused action raises RateLimited, whose message is written for the member; the views
answer it with 429 and the form, the member's text kept.
"""

from allauth.account import app_settings as account_settings
from allauth.core import context
from allauth.core.internal.ratelimit import parse_rates
from allauth.core.ratelimit import consume as allauth_consume
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

POSTING = "community_post"
CASE_STUDY_SUBMISSION = "case_study_submission"


class RateLimited(Exception):
    """The member has done this as often as its rate allows; the message is for them."""


def consume(action: str, member: AbstractBaseUser) -> None:
    """Counts the member doing `action`, or raises RateLimited (counting nothing) when they
    have already done it as often as the action's rate allows."""
    # The rates count per member and need nothing from the request, but allauth's API takes
    # one: outside a request (the shell, a test calling a service) an empty one stands in.
    request = context.request or HttpRequest()
    if not allauth_consume(request, action=action, user=member):
        raise RateLimited(_refusal(action))


def _refusal(action: str) -> str:
    # Each action has one rate, per member (the settings say so).
    rate = parse_rates(account_settings.RATE_LIMITS.get(action))[0]
    amount, window = rate.amount, _duration_in_words(int(rate.duration))
    if action == POSTING:
        return (
            f"You have posted {amount} time{'s' if amount != 1 else ''} in the last {window}, "
            "which is as many as we allow. Wait a few minutes, then post again. Your text "
            "has been kept."
        )
    if action == CASE_STUDY_SUBMISSION:
        return (
            f"You have submitted {amount} case stud{'y' if amount == 1 else 'ies'} in the last "
            f"{window}, which is as many as we allow. Your answers are still here: send them "
            "again later."
        )
    raise ValueError(action)


def _duration_in_words(seconds: int) -> str:
    """The window exactly: "24 hours", "5 minutes", "90 seconds"."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            number = seconds // size
            return f"{number} {unit}{'s' if number != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
