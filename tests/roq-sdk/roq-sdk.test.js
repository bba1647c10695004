// ROQ's own Node SDK (@roq/nodejs, pinned versions installed next to this file), used
// unmodified against a real roq-users server: the judge of wire compatibility.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server');

const VERSIONS = ['1.0.13', '1.0.20'];

const USER_QUERY = `query user($id: ID!) { user(id: $id) { id reference email firstName active tenantId createdAt } }`;
const USERS_QUERY = `query users($filter: UserFilterArgType) { users(filter: $filter) { totalCount data { id reference active } } }`;

for (const version of VERSIONS) {
  describe(`@roq/nodejs ${version}`, () => {
    const { Platform } = require(path.join(__dirname, `v${version}`, 'node_modules', '@roq', 'nodejs'));
    let server;
    let platform;
    const reference = `crm-${version}`;

    before(async () => {
      server = await startServer();
      platform = new Platform({ host: server.host, environmentId: server.environmentId, apiKey: server.apiKey });
    });
    after(async () => {
      await server.stop();
    });

    // 1.0.13 ships user()/users() documents; 1.0.20 dropped them, so there we go through
    // its graphqlRequest escape hatch, as a 1.0.20 user would.
    async function getUser(client, id) {
      if (typeof client.user === 'function') {
        const result = await client.user({ id, withTenant: true, withRoles: true, withUserGroups: true });
        return result.user;
      }
      const result = await client.graphqlRequest(USER_QUERY, { id });
      return result.data.user;
    }

    async function listUsers(client, filter) {
      if (typeof client.users === 'function') {
        const result = await client.users({ filter, withTenant: true });
        return result.users;
      }
      const result = await client.graphqlRequest(USERS_QUERY, { filter });
      return result.data.users;
    }

    it('creates, updates, reads, lists and deactivates through asSuperAdmin()', async () => {
      const admin = platform.asSuperAdmin();
      const created = await admin.createUser({
        user: { reference, email: `Ada.${version}@Example.com`, firstName: 'Ada', locale: 'en-us', customData: { plan: 'pro' } },
      });
      const user = created.createUser;
      assert.match(user.id, /^[0-9a-f-]{36}$/);
      assert.equal(user.reference, reference);
      assert.equal(user.locale, 'en-US');
      assert.equal(user.active, true);
      assert.equal(user.synced, true);
      assert.deepEqual(user.customData, { plan: 'pro' });

      const updated = await admin.updateUser({ id: user.id, user: { firstName: 'Ada L.', lastName: 'Lovelace' } });
      assert.equal(updated.updateUser.firstName, 'Ada L.');
      assert.equal(updated.updateUser.lastName, 'Lovelace');

      const fetched = await getUser(admin, user.id);
      assert.equal(fetched.id, user.id);
      assert.equal(fetched.firstName, 'Ada L.');
      if (version === '1.0.13') {
        // Its user() document asks for the tenant, roles and user groups relations.
        assert.equal(fetched.tenant.isDefault, true);
        assert.equal(fetched.roles.totalCount, 0);
        assert.equal(fetched.userGroups.totalCount, 0);
      }

      const page = await listUsers(admin, { reference: { equalTo: reference } });
      assert.equal(page.totalCount, 1);
      assert.equal(page.data[0].id, user.id);

      // A read as the user itself, through asUser().
      const asUser = platform.asUser(user.id);
      const own = await getUser(asUser, user.id);
      assert.equal(own.id, user.id);

      const deactivated = await admin.updateUser({ id: user.id, user: { active: false } });
      assert.equal(deactivated.updateUser.active, false);
      const afterDeactivation = await listUsers(admin, { reference: { equalTo: reference } });
      assert.equal(afterDeactivation.totalCount, 0, 'deactivated users are left out by default');
      const withDeactivated = await listUsers(admin, { reference: { equalTo: reference }, withDeactivated: { equalTo: true } });
      assert.equal(withDeactivated.totalCount, 1);
    });

    it('surfaces typed errors as ROQ HttpExceptions', async () => {
      const admin = platform.asSuperAdmin();
      await admin.createUser({ user: { reference: `dup-${version}`, email: `dup-${version}@example.com` } });
      await assert.rejects(
        admin.createUser({ user: { reference: `dup-${version}`, email: `other-${version}@example.com` } }),
        (err) => {
          assert.equal(err.statusCode, 409);
          assert.equal(err.errorCode, 'USER_REFERENCE_ALREADY_EXISTS');
          return true;
        },
      );
      await assert.rejects(
        admin.createUser({ user: { reference: `bad-${version}`, email: 'not-an-email' } }),
        (err) => {
          assert.equal(err.statusCode, 400);
          assert.equal(err.errorCode, 'VALIDATION_ERROR');
          return true;
        },
      );
      await assert.rejects(
        admin.updateUser({ id: '00000000-0000-7000-8000-000000000000', user: { firstName: 'x' } }),
        (err) => {
          assert.equal(err.statusCode, 404);
          assert.equal(err.errorCode, 'USER_NOT_FOUND');
          return true;
        },
      );
    });

    it('refuses a wrong API key', async () => {
      const wrong = new Platform({ host: server.host, environmentId: server.environmentId, apiKey: 'wrong' });
      await assert.rejects(wrong.asSuperAdmin().createUser({ user: { reference: 'x', email: 'x@example.com' } }), (err) => {
        assert.equal(err.statusCode, 401);
        assert.equal(err.errorCode, 'UNAUTHORIZED_EXCEPTION');
        return true;
      });
    });
  });
}
