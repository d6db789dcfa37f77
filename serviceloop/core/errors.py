"""Errors services raise; each face turns them into a clear answer (HTTP status, form error, exit code)."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out; `message` tells the user what to fix."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(ServiceError):
    status = 422


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    status = 403


class Conflict(ServiceError):
    """The thing changed meanwhile, or is in a state that refuses the request."""

    status = 409


class TooLarge(ServiceError):
    status = 413
