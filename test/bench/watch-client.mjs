// The watchers of the watch-delivery benchmark, run in a worker thread so that
// reading 100 streams does not delay the writer's requests (in a cluster the
// watchers are other processes). Each event carries its send time (epoch ms) in
// an annotation; the latency of an event is its arrival time minus that.
//
// workerData: { url, ca, token, path, watchers, progress } (progress: an Int32Array on
// shared memory that holds the count of events received). Posts 'ready' once every watch
// is established, then on 'stop' posts { latencies: Float64Array, received }.
import { request } from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';

const { url, ca, token, path, watchers: n, progress } = workerData;
const MARK = Buffer.from('"sent":"');
let latencies = new Float64Array(1 << 16);
let received = 0;
const reqs = [];

function record(ms) {
  if (received === latencies.length) {
    const more = new Float64Array(latencies.length * 2);
    more.set(latencies);
    latencies = more;
  }
  latencies[received++] = ms;
  Atomics.store(progress, 0, received);
}

for (let i = 0; i < n; i++) {
  await new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let carry = null;
      res.on('data', (data) => {
        const now = performance.timeOrigin + performance.now();
        const buf = carry ? Buffer.concat([carry, data]) : data;
        // Only the send time is read (no JSON parse), so the reader stays light.
        let done = 0;
        for (let k = buf.indexOf(MARK); k >= 0; k = buf.indexOf(MARK, done)) {
          const from = k + MARK.length;
          const to = buf.indexOf(0x22, from);
          if (to < 0) break;
          record(now - Number(buf.toString('latin1', from, to)));
          done = to + 1;
        }
        // What may hold the start of a mark split across reads is kept for the next one.
        carry = buf.subarray(Math.max(done, buf.length - 64));
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    reqs.push(req);
  });
}
parentPort.postMessage('ready');
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  for (const r of reqs) r.destroy();
  parentPort.postMessage({ latencies: latencies.slice(0, received), received });
});
