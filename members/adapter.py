from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class MemberAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """A member who has not yet filled in their profile is taken to it after signing in.

        Only when no page asked to be returned to: an incomplete profile is prompted, never a
        wall between a member and what they came for.
        """
        user = request.user
        if user.is_authenticated and not user.profile_is_complete:
            return reverse("members:profile_edit")
        return super().get_login_redirect_url(request)
