"""The e-mail channel: storing, parsing, threading and sending mail."""
