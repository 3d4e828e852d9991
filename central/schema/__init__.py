"""Numbered SQL scripts (``NNNN_name.sql``) that build the central's database schema."""
