'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { withServer } = require('./helpers.js');

describe('operations', () => {
  let ctx;
  before(async () => {
    ctx = await withServer();
  });
  after(async () => {
    await ctx.server.stop();
  });

  it('creates, reads, updates and deactivates users', async () => {
    const { admin } = ctx;
    const user = await admin.createUser({
      user: { reference: 'n-1', email: ' Ada@Example.com ', firstName: 'Ada', lastName: 'Lovelace', locale: 'en-gb', customData: { plan: 'pro' } },
    });
    assert.equal(user.email, 'Ada@Example.com');
    assert.equal(user.locale, 'en-GB');
    assert.ok(user.createdAt instanceof Date && !Number.isNaN(user.createdAt.getTime()));
    assert.equal(user.version, 1);
    assert.deepEqual(await admin.user({ id: user.id }), user);

    const updated = await admin.updateUser({ id: user.id, user: { firstName: null, lastName: undefined, customData: { plan: 'free' } } });
    assert.equal(updated.firstName, null, 'null clears');
    assert.equal(updated.lastName, 'Lovelace', 'undefined leaves unchanged');
    assert.deepEqual(updated.customData, { plan: 'free' });
    assert.equal(updated.version, 2);

    const off = await admin.deactivateUser({ id: user.id });
    assert.equal(off.active, false);
    assert.equal((await admin.users()).totalCount, 0);
    const all = await admin.users({ filter: { withDeactivated: { equalTo: true } } });
    assert.equal(all.totalCount, 1);
    assert.ok(all.data[0].updatedAt instanceof Date);
  });

  it('lists with filters, order, search and Date filters', async () => {
    const { admin } = ctx;
    for (const [i, email] of ['x1@acme.com', 'X2@ACME.com', 'y@other.org'].entries()) {
      await admin.createUser({ user: { reference: `f-${i}`, email, isOptedIn: i === 0 } });
    }
    const acme = await admin.users({ filter: { email: { iLike: '%@acme.com' } }, order: { order: 'ASC', sort: 'createdAt' } });
    assert.deepEqual(acme.data.map((u) => u.reference), ['f-0', 'f-1']);
    const searched = await admin.users({ search: { key: 'email', value: 'OTHER' } });
    assert.deepEqual(searched.data.map((u) => u.reference), ['f-2']);
    const optedIn = await admin.users({ filter: { optedInAt: { moreThan: new Date(0) } } });
    assert.deepEqual(optedIn.data.map((u) => u.reference), ['f-0']);
    const paged = await admin.users({ filter: { reference: { like: 'f-%' } }, limit: 1, offset: 1, order: { order: 'DESC', sort: 'createdAt' } });
    assert.equal(paged.totalCount, 3);
    assert.deepEqual(paged.data.map((u) => u.reference), ['f-1']);
  });

  it('pages through every user with the async iterator', async () => {
    const { admin } = ctx;
    for (let i = 0; i < 13; i += 1) {
      await admin.createUser({ user: { reference: `it-${String(i).padStart(2, '0')}`, email: `it${i}@x.io` } });
    }
    const seen = [];
    for await (const user of admin.iterUsers({ filter: { reference: { like: 'it-%' } }, limit: 4, order: { order: 'ASC', sort: 'createdAt' } })) {
      assert.ok(user.createdAt instanceof Date);
      seen.push(user.reference);
    }
    assert.deepEqual(seen, Array.from({ length: 13 }, (_, i) => `it-${String(i).padStart(2, '0')}`));
  });

  it('manages tenants', async () => {
    const { admin } = ctx;
    const tenant = await admin.createTenant({ tenant: { name: 'Team', reference: 'team' } });
    assert.equal(tenant.isDefault, false);
    assert.ok(tenant.createdAt instanceof Date);
    const renamed = await admin.updateTenant({ id: tenant.id, tenant: { name: 'Team B', reference: null } });
    assert.equal(renamed.reference, null);
    assert.deepEqual(await admin.tenant({ id: tenant.id }), renamed);
    assert.equal((await admin.tenants()).totalCount, 2);
    const member = await admin.createUser({ user: { reference: 'member', email: 'member@x.io', tenantId: tenant.id } });
    assert.equal(member.tenantId, tenant.id);
  });

  it('lets a user read itself', async () => {
    const { admin, platform } = ctx;
    const me = await admin.createUser({ user: { reference: 'me', email: 'me@x.io' } });
    assert.equal((await platform.asUser(me.id).user({ id: me.id })).id, me.id);
  });
});
