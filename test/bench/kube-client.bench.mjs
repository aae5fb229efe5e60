// The HTTP KubeClient's own overhead against a trivial local API endpoint:
// GETs one at a time and 16 at a time over pooled keep-alive connections,
// and watch events decoded per second. Prints figures; asserts nothing.
import { createServer } from 'node:http';
import { restClient } from '../../dist/index.js';

const object = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', resourceVersion: '1' }, data: { a: '1'.repeat(200) } });
const WATCH_EVENTS = 50_000;
const server = createServer((req, res) => {
  if (req.url.includes('watch=true')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const line = `{"type":"MODIFIED","object":${object}}\n`;
    let chunk = '';
    for (let i = 0; i < WATCH_EVENTS; i++) {
      chunk += line;
      if (chunk.length > 64 * 1024) {
        res.write(chunk);
        chunk = '';
      }
    }
    res.end(chunk);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(object);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;
const client = restClient({ server: url, tls: { insecureSkipTLSVerify: false }, auth: { token: 't' }, namespace: 'default', files: [] });
const ref = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'x' };

async function timed(label, n, fn) {
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  console.log(`${label}: ${n} in ${ms.toFixed(0)} ms (${Math.round((n * 1000) / ms)}/s)`);
}

await client.get(ref); // warm the pool
await timed('GET sequential', 2000, async () => {
  for (let i = 0; i < 2000; i++) await client.get(ref);
});
await timed('GET 16 concurrent', 5000, async () => {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next++ < 5000) await client.get(ref);
  }));
});
await timed('watch events decoded', WATCH_EVENTS, async () => {
  let n = 0;
  await client.watch({ ...ref, name: undefined }, {}, () => n++).done;
  if (n !== WATCH_EVENTS) throw new Error(`watch delivered ${n} events`);
});
await client.close();
server.close();
