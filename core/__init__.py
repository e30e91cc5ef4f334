"""Mechanisms every app shares: nothing here imports an app of ours."""
