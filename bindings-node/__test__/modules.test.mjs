// ESM import works, and gives the same objects as require().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Platform, RoqError, ValidationError } from 'roq-users';

test('import and require give the same classes', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('roq-users');
  assert.equal(Platform, cjs.Platform);
  assert.equal(RoqError, cjs.RoqError);
  assert.ok(new ValidationError('x') instanceof RoqError);
});
