"""How often a member may do something on the site: the one rate-limit mechanism of the apps.

Each action is an allauth rate limit, counted in the default cache exactly as the sign-in and
sign-up limits are: its rate is the entry of ACCOUNT_RATE_LIMITS named after the action (the
apps declare theirs beside the service that takes it), counted per member over a sliding
window, so a refusal's "in the last 5 minutes" is what was counted.
A refused action raises RateLimited, whose message is written for the member; the views
answer it with 429 and the form, the member's text kept.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account import app_settings as account_settings
from allauth.core import context
from allauth.core.internal.ratelimit import parse_rates
from allauth.core.ratelimit import consume as allauth_consume
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    """An action members may take only so often: its rate is ACCOUNT_RATE_LIMITS[action], and
    `refusal(amount, window)` words the refusal, e.g. (8, "5 minutes")."""

    action: str
    refusal: Callable[[int, str], str]

    def consume(self, member: AbstractBaseUser) -> None:
        """Counts the member taking the action, or raises RateLimited (counting nothing) when
        they have already taken it as often as its rate allows."""
        # The rates count per member and need nothing from the request, but allauth's API
        # takes one: outside a request (the shell, a test calling a service) an empty one
        # stands in.
        request = context.request or HttpRequest()
        if not allauth_consume(request, action=self.action, user=member):
            # Each action has one rate, per member (the settings say so).
            rate = parse_rates(account_settings.RATE_LIMITS.get(self.action))[0]
            raise RateLimited(self.refusal(rate.amount, _duration_in_words(int(rate.duration))))


class RateLimited(Exception):
    """The member has done this as often as its rate allows; the message is for them."""


def _duration_in_words(seconds: int) -> str:
    """The window exactly: "24 hours", "5 minutes", "90 seconds"."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            number = seconds // size
            return f"{number} {unit}{'s' if number != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
