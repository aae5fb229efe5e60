// The hook the CLI uses to set a V8 flag just before skiff's first undici
// connection (src/util/before-undici.ts): it runs once, from any copy of the
// module, and both undici users (the repository client, values from a URL)
// run it before they connect.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import { beforeUndici, setBeforeUndici } from '../../src/util/before-undici.js';
import { agentFor } from '../../src/repo/http.js';
import { mergeValueOptions } from '../../src/values/index.js';

test('the hook runs once, also when another copy of the module runs it', async () => {
  let runs = 0;
  setBeforeUndici(() => runs++);
  const copy = '../../src/util/before-undici.ts?second-copy';
  const other = (await import(copy)) as typeof import('../../src/util/before-undici.js');
  other.beforeUndici();
  beforeUndici();
  assert.is(runs, 1);
});

test('no hook set: nothing runs (library users keep V8 defaults)', () => {
  beforeUndici();
});

test('the repository client runs it before making its undici agent', async () => {
  let runs = 0;
  setBeforeUndici(() => runs++);
  const agent = agentFor({}, 1000);
  assert.is(runs, 1);
  await agent.close();
});

test('values fetched from a URL run it before connecting', async () => {
  let runs = 0;
  setBeforeUndici(() => runs++);
  const server = createServer((_req, res) => res.end('a: 1\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    const values = await mergeValueOptions({ valueFiles: [`http://127.0.0.1:${port}/v.yaml`] });
    assert.equal(values, { a: 1 });
    assert.is(runs, 1);
  } finally {
    server.close();
  }
});

test.run();
