"""What the membership room tells the rooms above it, which it does not know."""

from django.dispatch import Signal

#: Sent inside the transaction when a member leaves, or is removed from, a community (or
#: withdraws a request to join). Arguments: ``community``, ``member``.
membership_ended = Signal()
