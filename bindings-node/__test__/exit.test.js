'use strict';
// Native handles must not keep the process alive: a script that uses the SDK and returns
// exits on its own.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { startServer } = require('./helpers.js');

test('the process exits promptly after use', async () => {
  const server = await startServer();
  try {
    const script = `
      const { Platform } = require(${JSON.stringify(path.resolve(__dirname, '..'))});
      const admin = new Platform({ host: process.argv[1], environmentId: process.argv[2], apiKey: process.argv[3] }).asSuperAdmin();
      (async () => {
        await admin.createUser({ user: { reference: 'exit', email: 'exit@x.io' } });
        for await (const u of admin.iterUsers({ limit: 1 })) { void u; }
        console.log('done');
      })();
    `;
    const result = spawnSync(process.execPath, ['-e', script, server.host, server.environmentId, server.apiKey], {
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(result.error, undefined, 'the child did not exit by itself within 20 s');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'done');
  } finally {
    await server.stop();
  }
});
