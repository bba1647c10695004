'use strict';
// Shared by the suites: the real server binary (started on a free port per suite) and a
// client pointed at it.
const { startServer } = require('../../tests/roq-sdk/server.js');
const { Platform } = require('..');

async function withServer() {
  const server = await startServer();
  const platform = new Platform({ host: server.host, environmentId: server.environmentId, apiKey: server.apiKey });
  return { server, platform, admin: platform.asSuperAdmin() };
}

module.exports = { withServer, startServer };
