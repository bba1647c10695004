// ESM entry: the same objects as the CommonJS entry.
import cjs from './index.js';

export const {
  Platform,
  Scope,
  RoqError,
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
} = cjs;
export default cjs;
