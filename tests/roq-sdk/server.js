// Starts the real roq-users server binary on a free loopback port with a temporary
// SQLite database, and stops it. Shared by the Node-side suites.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const readline = require('node:readline');

const repoRoot = path.resolve(__dirname, '..', '..');

function serverBinary() {
  const bin = process.env.ROQ_USERS_SERVER_BIN || path.join(repoRoot, 'target', 'debug', 'roq-users-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`server binary not found at ${bin}: build it with cargo build -p roq-users-server`);
  }
  return bin;
}

/** Starts a server; resolves to { host, environmentId, apiKey, stop() }. */
async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roq-users-'));
  const environmentId = crypto.randomUUID();
  const apiKey = `rku_${crypto.randomBytes(24).toString('hex')}`;
  const child = spawn(
    serverBinary(),
    ['--listen', '127.0.0.1:0', '--database-url', `sqlite:${path.join(dir, 'roq.db')}`],
    {
      env: { ...process.env, ROQ_USERS_ENVIRONMENT_ID: environmentId, ROQ_USERS_API_KEY: apiKey, ROQ_USERS_LOG: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const host = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)));
    child.once('error', reject);
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGINT');
    });
  return { host, environmentId, apiKey, stop };
}

module.exports = { startServer, repoRoot };
