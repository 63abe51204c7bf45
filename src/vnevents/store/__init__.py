"""The SQLite store: schema and migrations (``schema``), ``ingest``, ``search``, ``export``.

Writers use ``schema.connect_rw``; the web server only ``schema.connect_ro``.
Kept import-free so the command line starts fast.
"""
