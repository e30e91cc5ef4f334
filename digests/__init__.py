"""Weekly digests: selection, rendering, sending and scheduling (depends on communities, events, members)."""
