// $SKIFF_HOME is private: another local user can read nothing of the cluster
// (state.db and its WAL hold every Secret's value), an installation left
// readable by an older skiff is repaired on start, and a home other users can
// write is refused. The second user is `nobody`, reached with runuser where
// the test runs as root (CI does); the mode checks run for everybody.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, skiff, tempDir } from '../support/cli.js';

// The home's parent is open to everybody, as a user's home directory often is, so only skiff's own modes protect it.
const parent = tempDir('skiff-perm-');
chmodSync(parent, 0o755);
const home = join(parent, 'home');
const env = { SKIFF_HOME: home, HOME: tempDir('skiff-user-') };
const isRoot = process.getuid?.() === 0;
const canSwitch = isRoot && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;
const SECRET = 'TOPSECRET-6b1f0c';

test.after(async () => {
  await skiff(['cluster', 'stop'], { env });
});

/** Every path under `dir` with its permission bits. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.set(p, lstatSync(p).mode & 0o777);
      if (e.isDirectory()) walk(p);
    }
  };
  out.set(dir, lstatSync(dir).mode & 0o777);
  walk(dir);
  return out;
}

function assertPrivate(dir: string): void {
  const bad = [...modes(dir)].filter(([p, m]) => m & 0o077 || (lstatSync(p).isFile() && m !== 0o600) || (lstatSync(p).isDirectory() && m !== 0o700));
  assert.equal(bad.map(([p, m]) => `${p} ${m.toString(8)}`), [], 'every folder 0700 and every file 0600');
}

/** Runs `cmd` as the unprivileged user nobody; returns its exit code and output. */
function asNobody(cmd: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('runuser', ['-u', 'nobody', '--', ...cmd]);
}

test('a fresh home: 0700 folders, 0600 files (state.db, WAL, SHM, keys, token, kubeconfigs); nobody reads nothing', async () => {
  const start = await skiff(['cluster', 'start'], { env });
  assert.is(start.code, 0, start.stderr);
  const kubectlEnv = { KUBECONFIG: join(home, 'cluster', 'kubeconfig') };
  const made = await run('kubectl', ['create', 'secret', 'generic', 'db', `--from-literal=password=${SECRET}`], { env: kubectlEnv });
  assert.is(made.code, 0, made.stderr);
  const user = await skiff(['cluster', 'user', 'add', 'alice'], { env });
  assert.is(user.code, 0, user.stderr);
  const repo = await skiff(['repo', 'add', 'private', 'http://127.0.0.1:9/charts', '--username', 'u', '--password', 'pw-secret'], { env });
  const files = [...modes(home).keys()].map((p) => p.slice(home.length + 1));
  for (const f of ['cluster/state.db', 'cluster/state.db-wal', 'cluster/pki/admin.token', 'cluster/pki/ca.key', 'cluster/kubeconfig', 'cluster/runtime.json', 'cluster/runtime.log']) {
    assert.ok(files.includes(f), `${f} exists (${files.join(', ')})`);
  }
  assert.ok(files.some((f) => f.startsWith('cluster/users/')), 'the user kubeconfig exists');
  if (repo.code === 0) assert.ok(files.includes('repositories.yaml'));
  assertPrivate(home);
  if (!canSwitch) return;
  for (const f of ['cluster/state.db-wal', 'cluster/state.db', 'cluster/pki/admin.token', 'cluster/kubeconfig']) {
    const r = await asNobody(['cat', join(home, f)]);
    assert.is.not(r.code, 0, `nobody could read ${f}`);
    assert.match(r.stderr, /Permission denied/);
  }
  const grep = await asNobody(['grep', '-r', '-l', SECRET, home]);
  assert.not.match(grep.stdout, /state/, 'the Secret value cannot be found by another user');
  const ls = await asNobody(['ls', home]);
  assert.is.not(ls.code, 0, 'nobody cannot even list the home');
});

test('an installation left readable (0755/0644) is repaired on the next start', async () => {
  assert.is((await skiff(['cluster', 'stop'], { env })).code, 0);
  for (const [p] of modes(home)) chmodSync(p, lstatSync(p).isDirectory() ? 0o755 : 0o644);
  const start = await skiff(['cluster', 'start'], { env });
  assert.is(start.code, 0, start.stderr);
  assertPrivate(home);
  if (!canSwitch) return;
  const r = await asNobody(['cat', join(home, 'cluster', 'state.db-wal')]);
  assert.is.not(r.code, 0);
});

test('a home other users can write, or that belongs to another user, is refused with a clear error', async () => {
  assert.is((await skiff(['cluster', 'stop'], { env })).code, 0);
  chmodSync(home, 0o777);
  const open = await skiff(['cluster', 'start'], { env });
  assert.is(open.code, 1);
  assert.match(open.stderr, new RegExp(`Error: refusing to use ${home}: other users can write to it \\(mode 0777\\)`));
  assert.match(open.stderr, new RegExp(`Hint: .*chmod 700 ${home}`));
  // The local backend refuses the same way rather than serving from it.
  const list = await skiff(['list'], { env });
  assert.is(list.code, 1);
  assert.match(list.stderr, /other users can write to it/);
  chmodSync(home, 0o700);
  const cluster = join(home, 'cluster');
  chmodSync(cluster, 0o770);
  const group = await skiff(['cluster', 'start'], { env });
  assert.is(group.code, 1);
  assert.match(group.stderr, new RegExp(`refusing to use ${cluster}: other users can write to it \\(mode 0770\\)`));
  chmodSync(cluster, 0o700);
  if (isRoot) {
    const theirs = join(parent, 'theirs');
    mkdirSync(theirs, { mode: 0o700 });
    writeFileSync(join(theirs, 'marker'), '');
    chownSync(theirs, 65534, 65534);
    const foreign = await skiff(['cluster', 'start'], { env: { ...env, SKIFF_HOME: theirs } });
    assert.is(foreign.code, 1);
    assert.match(foreign.stderr, /refusing to use .*theirs: it belongs to uid 65534, not to this user \(uid 0\)/);
  }
});

test.run();
