"""Configuration shared by the whole suite.

Shared fixtures live in tests/fixtures.py (registered here) and the factories in
tests/factories.py, so that this file stays small.
"""

pytest_plugins = ["tests.fixtures"]
