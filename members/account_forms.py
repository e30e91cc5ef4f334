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
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import MinimumLengthValidator


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


class FieldWords:
    """Sets the labels, hints and "required" messages of the fields the form has.

    A form lists them in `labels`, `hints` (a hint may be a function, called when the form is
    built) and `required_messages`. Placeholders are dropped, as GOV.UK advises. Without a
    "required" message here, an empty field reads "Enter <its label>"
    (templates/allauth/error_text.html).
    """

    labels: dict[str, str] = {}
    hints: dict = {}
    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)
        for name, hint in self.hints.items():
            if name in self.fields:
                self.fields[name].help_text = hint() if callable(hint) else hint
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message


class AccountLoginForm(FieldWords, account_forms.LoginForm):
    labels = {
        "login": "Email address",
        "password": "Password",
        "remember": "Keep me signed in on this device",
    }
    # The sign-in page links to the password reset under the field; a link inside the field's
    # hint would be read out as the description of the password box.
    hints = {"password": ""}


class AccountSignupForm(FieldWords, account_forms.SignupForm):
    labels = {"email": "Email address", "password1": "Password", "password2": "Confirm password"}
    hints = {"email": "Use your work address if you have one.", "password1": new_password_hint}
    required_messages = {"password2": "Enter your password again"}

    def try_save(self, request):
        """An address that already has an account gets the answer a new one gets (allauth's
        ACCOUNT_PREVENT_ENUMERATION), and costs the same work: without hashing the password, as
        a new account does, the quicker answer would tell that the address has an account.
        """
        if self.account_already_exists and self.cleaned_data.get("password1"):
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ChangeEmailForm(FieldWords, account_forms.AddEmailForm):
    labels = {"email": "New email address"}
    hints = {
        "email": "We will send a link to this address. Your current address stays until you "
        "follow it."
    }


class AccountChangePasswordForm(FieldWords, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }
    hints = {"oldpassword": "", "password1": new_password_hint}
    required_messages = {
        "password1": "Enter a new password",
        "password2": "Enter your new password again",
    }


class AccountSetPasswordForm(FieldWords, account_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Confirm password"}
    hints = {"password1": new_password_hint}
    required_messages = {"password2": "Enter your password again"}


class AccountResetPasswordForm(FieldWords, account_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class AccountResetPasswordKeyForm(FieldWords, account_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm new password"}
    hints = {"password1": new_password_hint}
    required_messages = {
        "password1": "Enter a new password",
        "password2": "Enter your new password again",
    }


class AccountRequestLoginCodeForm(FieldWords, account_forms.RequestLoginCodeForm):
    labels = {"email": "Email address"}


class AccountConfirmLoginCodeForm(FieldWords, account_forms.ConfirmLoginCodeForm):
    labels = {"code": "Sign-in code"}
    hints = {"code": "The code is in the email we sent you."}
    required_messages = {"code": "Enter the sign-in code"}


class AccountReauthenticateForm(FieldWords, account_forms.ReauthenticateForm):
    labels = {"password": "Password"}
    hints = {"password": ""}


class AuthenticatorCodeWords(FieldWords):
    """The words of a form asking for a code from the member's authenticator app."""

    labels = {"code": "Code from your authenticator app"}
    hints = {"code": "The code is 6 digits long. You can also enter one of your recovery codes."}
    required_messages = {"code": "Enter the code from your authenticator app"}


class TwoFactorAuthenticateForm(AuthenticatorCodeWords, mfa_forms.AuthenticateForm):
    pass


class TwoFactorReauthenticateForm(AuthenticatorCodeWords, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(AuthenticatorCodeWords, totp_forms.ActivateTOTPForm):
    # Recovery codes come after the app is set up, so they are not mentioned here.
    hints = {"code": "Enter the 6-digit code the app shows for Connected Places."}


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
