'use strict';
// The Node runner of the cross-language scenarios (tests/conformance/*.json; the format is
// in tests/conformance/README.md), through the public Node API.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Platform, RoqError } = require('..');
const { startServer } = require('./helpers.js');

const dir = path.resolve(__dirname, '..', '..', 'tests', 'conformance');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function lookup(saved, reference) {
  const [name, ...parts] = reference.split('.');
  let value = saved[name];
  for (const part of parts) value = value[part];
  return value;
}

function substitute(value, saved) {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    if (whole) return lookup(saved, whole[1]);
    return value.replace(/\$\{([^}]+)\}/g, (_, ref) => String(lookup(saved, ref)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, saved));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, saved)]));
  }
  return value;
}

function subset(expected, actual, at = 'result') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${at} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    expected.forEach((e, i) => subset(e, actual[i], `${at}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', `${at} is ${JSON.stringify(actual)}, expected an object`);
    for (const [key, value] of Object.entries(expected)) {
      assert.ok(key in actual, `${at}.${key} is missing`);
      subset(value, actual[key], `${at}.${key}`);
    }
  } else {
    assert.deepEqual(actual, expected, `${at}`);
  }
}

/** A result in wire form: Dates back to ISO-8601 strings. */
function wire(value) {
  return JSON.parse(JSON.stringify(value));
}

const calls = {
  createUser: (s, a) => s.createUser(a),
  updateUser: (s, a) => s.updateUser(a),
  deactivateUser: (s, a) => s.deactivateUser(a),
  user: (s, a) => s.user(a),
  users: (s, a) => s.users(a),
  iterUsers: async (s, a) => {
    const all = [];
    for await (const user of s.iterUsers(a)) all.push(user);
    return all;
  },
  createTenant: (s, a) => s.createTenant(a),
  updateTenant: (s, a) => s.updateTenant(a),
  tenant: (s, a) => s.tenant(a),
  tenants: (s, a) => s.tenants(a),
};

test('scenario files exist', () => {
  assert.ok(files.length >= 4, files.join(', '));
});

for (const file of files) {
  test(`conformance: ${file}`, async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const server = await startServer();
    try {
      const platform = new Platform({ host: server.host, environmentId: server.environmentId, apiKey: server.apiKey });
      const saved = {};
      for (const [index, step] of scenario.steps.entries()) {
        const label = `step ${index} (${step.name || step.call})`;
        const who = substitute(step.as || 'superAdmin', saved);
        const scope = typeof who === 'object' ? platform.asUser(who.user) : platform.asSuperAdmin();
        const input = substitute(step.input || {}, saved);
        let result;
        try {
          result = wire(await calls[step.call](scope, input));
        } catch (err) {
          if (!(err instanceof RoqError) || !step.expectError) throw new Error(`${label}: ${err.stack}`);
          assert.equal(err.errorCode, step.expectError.errorCode, `${label}: ${err.message}`);
          if ('statusCode' in step.expectError) assert.equal(err.statusCode, step.expectError.statusCode, label);
          if ('violations' in step.expectError) {
            assert.deepEqual(err.violations.map((v) => ({ field: v.field, code: v.code })), step.expectError.violations, label);
          }
          continue;
        }
        assert.ok(!step.expectError, `${label}: succeeded with ${JSON.stringify(result)}`);
        if (step.expect) subset(substitute(step.expect, saved), result, label);
        if (step.save) saved[step.save] = result;
      }
    } finally {
      await server.stop();
    }
  });
}
