"""Hostile input: a shared corpus of values that break naive code, and helpers that feed it everywhere."""
