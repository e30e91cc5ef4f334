"""The forms of the account pages, with labels and hints in our words.

allauth's own forms label fields in title case ("New Password (again)") and describe passwords
with Django's list of validator rules; these subclasses change only the words. The forms are
named in ACCOUNT_FORMS and MFA_FORMS in the settings.
"""

from allauth.account import forms as account_forms
from allauth.account.adapter import get_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import MinimumLengthValidator

from .forms import MemberLoginForm, MemberSignupForm

CODE_HINT = "The code is 6 digits long. You can also enter one of your recovery codes."


def new_password_hint() -> str:
    """What a new password needs, in one sentence rather than Django's list of rules."""
    min_length = next(
        (
            validator.min_length
            for validator in password_validation.get_default_password_validators()
            if isinstance(validator, MinimumLengthValidator)
        ),
        8,
    )
    return (
        f"Use at least {min_length} characters. A few unrelated words are easy to remember "
        "and hard to guess. Do not use your email address or a common password."
    )


def _relabel(
    form: forms.Form,
    labels: dict[str, str],
    hints: dict[str, str] | None = None,
    required: dict[str, str] | None = None,
):
    """Sets the labels, hints and "required" messages of the fields the form has.

    Placeholders are dropped, as GOV.UK advises. Without a "required" message here, an empty
    field reads "Enter <its label>" (templates/allauth/error_text.html).
    """
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)
    for name, hint in (hints or {}).items():
        if name in form.fields:
            form.fields[name].help_text = hint
    for name, message in (required or {}).items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message


class AccountLoginForm(MemberLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The sign-in page links to the password reset under the field; a link inside the
        # field's hint would be read out as the description of the password box.
        _relabel(self, {"login": "Email address", "password": "Password"}, {"password": ""})


class AccountSignupForm(MemberSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"email": "Email address", "password1": "Password", "password2": "Confirm password"},
            {"password1": new_password_hint()},
            {"password2": "Enter your password again"},
        )


class ChangeEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"email": "New email address"},
            {
                "email": "We will send a link to this address. Your current address stays until "
                "you follow it."
            },
        )


class AccountChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "oldpassword": "Current password",
                "password1": "New password",
                "password2": "Confirm new password",
            },
            {"oldpassword": "", "password1": new_password_hint()},
            {"password1": "Enter a new password", "password2": "Enter your new password again"},
        )


class AccountSetPasswordForm(account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"password1": "Password", "password2": "Confirm password"},
            {"password1": new_password_hint()},
            {"password2": "Enter your password again"},
        )


class AccountResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": "Email address"})


class AccountResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"password1": "New password", "password2": "Confirm new password"},
            {"password1": new_password_hint()},
            {"password1": "Enter a new password", "password2": "Enter your new password again"},
        )


class AccountRequestLoginCodeForm(account_forms.RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": "Email address"})


class AccountConfirmLoginCodeForm(account_forms.ConfirmLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"code": "Sign-in code"},
            {"code": "The code is in the email we sent you."},
            {"code": "Enter the sign-in code"},
        )


class AccountReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password": "Password"}, {"password": ""})


class TwoFactorAuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"code": "Code from your authenticator app"},
            {"code": CODE_HINT},
            {"code": "Enter the code from your authenticator app"},
        )


class TwoFactorReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"code": "Code from your authenticator app"},
            {"code": CODE_HINT},
            {"code": "Enter the code from your authenticator app"},
        )


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"code": "Code from your authenticator app"},
            {"code": "Enter the 6-digit code the app shows for Connected Places."},
            {"code": "Enter the code from your authenticator app"},
        )


class DeleteAccountForm(forms.Form):
    """The member's current password, to show it is them asking to delete the account."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # The allauth adapter counts wrong passwords with the sign-in attempts, so this form
        # cannot be used to guess a password faster than the sign-in page allows.
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError("The password is not correct.", code="incorrect_password")
        return password
