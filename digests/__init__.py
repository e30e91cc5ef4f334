"""Weekly digests: selection, rendering, sending and scheduling.

Depends on communities, events and members.
"""
