from allauth.account.forms import LoginForm, SignupForm


class MemberLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"


class MemberSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "Use your work address if you have one."
        if "password2" in self.fields:
            self.fields["password2"].label = "Confirm password"
