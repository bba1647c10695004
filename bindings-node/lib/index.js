'use strict';
// The public API of roq-users for Node: Promises, plain typed objects (timestamps as Date),
// RoqError subclasses. Every operation runs in the Rust core (validation, token cache,
// retries, paging); this layer only translates.

const native = require('../native.js');
const errors = require('./errors.js');

function unwrap(text) {
  const outcome = JSON.parse(text);
  if (outcome.error) throw errors.fromNative(outcome.error);
  return outcome.ok;
}

function dates(record) {
  return { ...record, createdAt: new Date(record.createdAt), updatedAt: new Date(record.updatedAt) };
}

function page(result) {
  return { data: result.data.map(dates), totalCount: result.totalCount };
}

function listArgs({ filter, limit, offset, order, search } = {}) {
  return { filter, limit, offset, order, search };
}

/** A client acting as the super admin or as one user. */
class Scope {
  constructor(nativeScope) {
    this._native = nativeScope;
  }

  async _call(operation, input) {
    // JSON.stringify drops `undefined` (unchanged) and keeps `null` (clear), and writes Dates
    // as ISO-8601 UTC: exactly the wire's meaning.
    return unwrap(await this._native.call(operation, JSON.stringify(input)));
  }

  async createUser({ user }) {
    return dates(await this._call('createUser', { user }));
  }

  async updateUser({ id, user }) {
    return dates(await this._call('updateUser', { id, user }));
  }

  async deactivateUser({ id }) {
    return dates(await this._call('deactivateUser', { id }));
  }

  async user({ id }) {
    return dates(await this._call('user', { id }));
  }

  async users(args = {}) {
    return page(await this._call('users', listArgs(args)));
  }

  /** Every matching user, `limit` per page (default 100), one page in memory. */
  async *iterUsers(args = {}) {
    const pager = this._native.pager(JSON.stringify(listArgs(args)));
    if (typeof pager === 'string') throw errors.fromNative(JSON.parse(pager).error);
    for (;;) {
      const rows = unwrap(await pager.nextPage());
      if (rows === null) return;
      for (const row of rows) yield dates(row);
    }
  }

  async createTenant({ tenant }) {
    return dates(await this._call('createTenant', { tenant }));
  }

  async updateTenant({ id, tenant }) {
    return dates(await this._call('updateTenant', { id, tenant }));
  }

  async tenant({ id }) {
    return dates(await this._call('tenant', { id }));
  }

  async tenants({ filter, limit, offset, order } = {}) {
    return page(await this._call('tenants', { filter, limit, offset, order }));
  }
}

/** The client of one environment. Tokens are minted lazily and cached per identity. */
class Platform {
  constructor({ host, environmentId, apiKey, timeoutMs, retries, userAgent }) {
    const created = native.createPlatform({ host, environmentId, apiKey, timeoutMs, retries, userAgent });
    if (typeof created === 'string') throw errors.fromNative(JSON.parse(created).error);
    this._native = created;
  }

  asSuperAdmin() {
    return new Scope(this._native.scope(null));
  }

  asUser(userId) {
    return new Scope(this._native.scope(userId));
  }
}

module.exports = { Platform, Scope, ...errors };
delete module.exports.fromNative;
