"""The web dashboard and JSON API over a vnevents database (``app.create_app``).

Kept import-free so the command line starts fast.
"""
