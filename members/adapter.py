from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from .emails import absolute_url
from .tasks import send_prepared_email


class MemberAccountAdapter(DefaultAccountAdapter):
    # allauth's messages, in our words. Keys allauth never uses with our settings (usernames,
    # phone numbers) keep allauth's text.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been closed.",
        "cannot_remove_primary_email": "You cannot remove the address you sign in with.",
        "duplicate_email": "This is already your email address.",
        "email_password_mismatch": "The email address or password is not correct.",
        "email_taken": "Enter a different email address.",
        "enter_current_password": "The current password is not correct.",
        "incorrect_code": "The code is not correct. Check it and try again.",
        "incorrect_password": "The password is not correct.",
        "invalid_or_expired_key": "This link has expired or is not valid.",
        "invalid_login": "Enter your email address.",
        "invalid_password_reset": "This password reset link has expired or is not valid.",
        "max_email_addresses": "You can have at most %d email addresses.",
        "too_many_login_attempts": "Too many attempts to sign in. Try again in a few minutes.",
        "unknown_email": "Enter the email address you signed up with.",
        "unverified_primary_email": "Confirm your email address first.",
        "same_as_current": "Enter a value different from the current one.",
        "rate_limited": "You have tried too many times. Wait a few minutes and try again.",
    }

    def get_login_redirect_url(self, request):
        """A member who has not yet filled in their profile is taken to it after signing in.

        Only when no page asked to be returned to: an incomplete profile is prompted, never a
        wall between a member and what they came for.
        """
        user = request.user
        if user.is_authenticated and not user.profile_is_complete:
            return reverse("members:profile_edit")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Where a new member lands once their address is verified: completing their profile.

        With mandatory verification allauth carries this URL through the verification step, so
        it is used when the member follows the link from the email.
        """
        return reverse("members:profile_edit")

    # allauth builds the links in its emails on the host the request arrived on; a link in an
    # email goes on the site's base URL, like every other link the site sends.
    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        # allauth's key is "<uidb36>-<token>", as its URL pattern reads it.
        uidb36, _, token = key.partition("-")
        return absolute_url(
            reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": token})
        )

    def get_reauthentication_methods(self, user):
        methods = super().get_reauthentication_methods(user)
        descriptions = {
            "reauthenticate": "Use your password",
            "mfa_reauthenticate": "Use your authenticator app or a recovery code",
        }
        return [
            {**method, "description": descriptions.get(method["id"], method["description"])}
            for method in methods
        ]

    def validation_error(self, code, *args):
        """Running out of attempts (passwords, two-factor codes, sign-in codes) is answered
        like every other rate limit: 429 and the page that explains it, rather than a form
        error that would let the attempts, and the correct password, keep being tried.
        """
        request = allauth_context.request
        if code == "too_many_login_attempts" and request is not None:
            raise ImmediateHttpResponse(respond_429(request))
        return super().validation_error(code, *args)

    def send_mail(self, template_prefix, email, context):
        """Renders the message here and leaves the sending to a Celery task.

        Besides keeping the mail server out of the request, this makes answers take the same
        time whether or not an email is sent: a password reset for an unknown address sends
        nothing, and a slower answer for a known one would give accounts away.
        """
        # The adapter's own request: allauth sends some notifications from on-commit callbacks.
        request = self.request or allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                "site_name": settings.WAGTAIL_SITE_NAME,
                **context,
                # After allauth's context, which carries a signup_url built on the request's host.
                "site_url": absolute_url("/"),
                "reset_password_url": absolute_url(reverse("account_reset_password")),
                "signup_url": absolute_url(reverse("account_signup")),
            },
        )
        send_prepared_email.delay(
            {
                "subject": message.subject,
                "body": message.body,
                "from_email": message.from_email,
                "to": list(message.to),
                "alternatives": [
                    [content, mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
                "headers": dict(message.extra_headers),
            }
        )


class MemberMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "Turn off two-factor authentication before you change your email address."
        ),
        "cannot_delete_authenticator": "You cannot turn off two-factor authentication.",
        "cannot_generate_recovery_codes": (
            "Turn on two-factor authentication before you create recovery codes."
        ),
        "incorrect_code": "The code is not correct. Check it and try again.",
        "unverified_email": (
            "Confirm your email address before you turn on two-factor authentication."
        ),
    }
