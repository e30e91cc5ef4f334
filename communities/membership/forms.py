from django import forms


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send an invitation that works once, for this address, for 14 days.",
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label="Why would you like to join?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The facilitators read this when they decide. For example, your role and "
        "what you hope to share or learn.",
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )
