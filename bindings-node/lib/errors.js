'use strict';
// The error classes of roq-users: one family rooted at RoqError (a subclass of Error), one
// class per core error kind. The native layer names the kind; nothing here parses messages.

class RoqError extends Error {
  constructor(message, { statusCode = 0, errorCode = '', violations = [], retryAfterMs = null, requestId = null } = {}) {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.violations = violations;
    this.retryAfterMs = retryAfterMs;
    this.requestId = requestId;
  }
}

class ValidationError extends RoqError {}
class NotFoundError extends RoqError {}
class ConflictError extends RoqError {}
class UnauthorizedError extends RoqError {}
class ForbiddenError extends RoqError {}
class PayloadTooLargeError extends RoqError {}
class RateLimitedError extends RoqError {}
class ServerError extends RoqError {}
class TransportError extends RoqError {}
class TimeoutError extends RoqError {}

const CLASSES = {
  ValidationError,
  NotFoundError,
  ConflictError,
  UnauthorizedError,
  ForbiddenError,
  PayloadTooLargeError,
  RateLimitedError,
  ServerError,
  TransportError,
  TimeoutError,
};

/** Builds the error of a native `{error: {...}}` envelope. */
function fromNative(error) {
  const Class = CLASSES[error.kind] || RoqError;
  return new Class(error.message, error);
}

module.exports = { RoqError, ...CLASSES, fromNative };
