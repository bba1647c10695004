'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const roq = require('..');
const { withServer } = require('./helpers.js');

describe('errors', () => {
  let ctx;
  before(async () => {
    ctx = await withServer();
  });
  after(async () => {
    await ctx.server.stop();
  });

  async function rejects(promise, Class, statusCode, errorCode) {
    await assert.rejects(promise, (err) => {
      assert.ok(err instanceof Class, `${err.name}: ${err.message}`);
      assert.ok(err instanceof roq.RoqError && err instanceof Error);
      assert.equal(err.name, Class.name);
      assert.equal(err.statusCode, statusCode);
      assert.equal(err.errorCode, errorCode);
      return true;
    });
  }

  it('validation errors carry every violation', async () => {
    await assert.rejects(ctx.admin.createUser({ user: { reference: ' x', email: 'nope', phone: '1' } }), (err) => {
      assert.ok(err instanceof roq.ValidationError);
      assert.deepEqual(err.violations.map((v) => [v.field, v.code]), [
        ['reference', 'SURROUNDING_WHITESPACE'], ['email', 'INVALID_EMAIL'], ['phone', 'INVALID_PHONE'],
      ]);
      assert.equal(err.message, err.violations[0].message);
      return true;
    });
    await rejects(ctx.admin.user({ id: 'nope' }), roq.ValidationError, 400, 'INVALID_UUID');
    await rejects(ctx.admin.users({ filter: { emial: {} } }), roq.ValidationError, 400, 'VALIDATION_ERROR');
    await rejects(ctx.admin.updateUser({ id: '0193a1b2-0000-7000-8000-00000000beef', user: { email: null } }), roq.ValidationError, 400, 'VALIDATION_ERROR');
  });

  it('not found, conflict, forbidden, unauthorized, transport', async () => {
    const { admin, platform, server } = ctx;
    await rejects(admin.user({ id: '0193a1b2-0000-7000-8000-00000000beef' }), roq.NotFoundError, 404, 'USER_NOT_FOUND');
    const me = await admin.createUser({ user: { reference: 'e-1', email: 'e1@x.io' } });
    await rejects(admin.createUser({ user: { reference: 'e-1', email: 'e2@x.io' } }), roq.ConflictError, 409, 'USER_REFERENCE_ALREADY_EXISTS');
    const other = await admin.createUser({ user: { reference: 'e-2', email: 'e3@x.io' } });
    await rejects(platform.asUser(me.id).user({ id: other.id }), roq.ForbiddenError, 403, 'FORBIDDEN');
    const wrong = new roq.Platform({ host: server.host, environmentId: server.environmentId, apiKey: 'wrong', retries: 0 });
    await rejects(wrong.asSuperAdmin().users(), roq.UnauthorizedError, 401, 'UNAUTHORIZED_EXCEPTION');
    const closed = new roq.Platform({ host: 'http://127.0.0.1:9', environmentId: server.environmentId, apiKey: 'k', retries: 0 });
    await assert.rejects(closed.asSuperAdmin().users(), (err) => err instanceof roq.TransportError);
    assert.throws(() => new roq.Platform({ host: 'ftp://x', environmentId: server.environmentId, apiKey: 'k' }), roq.ValidationError);
  });

  it('exports one class per error kind', () => {
    for (const name of ['ValidationError', 'NotFoundError', 'ConflictError', 'UnauthorizedError', 'ForbiddenError',
      'PayloadTooLargeError', 'RateLimitedError', 'ServerError', 'TransportError', 'TimeoutError']) {
      assert.ok(roq[name].prototype instanceof roq.RoqError, name);
    }
  });
});
