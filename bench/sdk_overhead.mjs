// SDK overhead from Node: 10k user(id) calls, sequential and at concurrency 32, through the
// roq-users package and a hand-written fetch client sending the same GraphQL (DOCUMENT, the
// SDK's own `user` document: `roq-users-bench --document user`); then iterating every user with
// iterUsers and the peak RSS. Prints Markdown rows.
// Usage: node bench/sdk_overhead.mjs HOST ENVIRONMENT_ID API_KEY RUNS DOCUMENT
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Platform } = require('../bindings-node');
const [host, environmentId, apiKey, runsText, document] = process.argv.slice(2);
const runs = Number(runsText);
const CALLS = 10_000;

const admin = new Platform({ host, environmentId, apiKey }).asSuperAdmin();
const ids = (await admin.users({ limit: 1000 })).data.map((u) => u.id);
const { accessToken } = await (await fetch(`${host}/v01/authorize/serviceAccount`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ environmentId, apiKey }),
})).json();
const headers = {
  'content-type': 'application/json',
  'roq-platform-authorization': `Bearer ${accessToken}`,
  'roq-platform-server-authorization': `Basic ${Buffer.from(`${environmentId}:${apiKey}`).toString('base64')}`,
};
const byHand = async (id) => {
  const reply = await (await fetch(`${host}/v01/server/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: document, variables: { id } }) })).json();
  if (reply.errors) throw new Error(JSON.stringify(reply.errors));
  return reply.data.user;
};
const bySdk = (id) => admin.user({ id });

async function pool(concurrency, call) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < CALLS) {
      const i = next++;
      await call(ids[i % ids.length]);
    }
  }));
}

async function measure(fn) {
  const rates = [];
  for (let r = 0; r < runs; r += 1) {
    const started = performance.now();
    await fn();
    rates.push(CALLS / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

for (const concurrency of [1, 32]) {
  const sdk = await measure(() => pool(concurrency, bySdk));
  const hand = await measure(() => pool(concurrency, byHand));
  const what = concurrency === 1 ? 'sequential' : `concurrency ${concurrency}`;
  console.log(`| Node | 10k user(id), ${what} | ${sdk.toFixed(0)} req/s | ${hand.toFixed(0)} req/s (fetch) | ${(sdk / hand).toFixed(2)}x |`);
}

const before = process.memoryUsage().rss / 2 ** 20;
let peak = before;
let count = 0;
const started = performance.now();
for await (const user of admin.iterUsers({ limit: 1000 })) {
  void user;
  count += 1;
  if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
}
const elapsed = (performance.now() - started) / 1000;
console.log(`| Node | iterUsers over ${count} users (pages of 1000) | ${(count / elapsed).toFixed(0)} users/s | RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB | |`);
