// `skiff registry login HOST` without --password or --password-stdin asks as
// Helm does when stdin is a terminal: `Username: ` (echoed) when no
// --username, then `Password: ` (or `Token: ` for an empty username) with
// echo off. Without a terminal it refuses with a usage error naming
// --password-stdin. Driven through a real pseudo-terminal (Python's pty).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveRepository, type RepoServer } from '../../src/repo/server.js';
import { CLI, run, skiff, tempDir } from '../support/cli.js';

const work = tempDir('skiff-login-prompt-');
let server: RepoServer;
let host: string;

// Runs argv in a pty, answering each prompt (in order) once it has appeared; prints everything the terminal showed.
const PTY = `
import json, os, pty, select, sys
answers = json.loads(os.environ['PTY_ANSWERS'])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out, seen, i = b'', 0, 0
while True:
    r, _, _ = select.select([fd], [], [], 60)
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if i < len(answers) and answers[i][0].encode() in out[seen:]:
        seen = out.index(answers[i][0].encode(), seen) + len(answers[i][0])
        os.write(fd, answers[i][1].encode())
        i += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

const inPty = (args: string[], answers: [string, string][], config: string) =>
  run('/usr/bin/python3', ['-c', PTY, process.execPath, CLI, ...args], { env: { PTY_ANSWERS: JSON.stringify(answers), HELM_REGISTRY_CONFIG: config, SKIFF_HOME: join(work, 'home') } });

test.before(async () => {
  mkdirSync(join(work, 'served'));
  server = await serveRepository({ dir: join(work, 'served'), address: '127.0.0.1:0', basicAuth: 'ci:s3cret-pw' });
  host = new URL(server.url).host;
});
test.after(async () => server?.close());

test('asks for the username, then the password without echoing it', async () => {
  const config = join(work, 'a.json');
  const r = await inPty(['registry', 'login', host, '--plain-http'], [['Username: ', 'ci\r'], ['Password: ', 's3cret-pw\r']], config);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Username: ci\r?\n/);
  assert.match(r.stdout, 'Password: ');
  assert.not.match(r.stdout, 's3cret-pw', 'the password is not echoed');
  assert.match(r.stdout, 'Login Succeeded');
  const auths = JSON.parse(readFileSync(config, 'utf8')).auths;
  assert.is(Buffer.from(auths[host].auth, 'base64').toString(), 'ci:s3cret-pw');
});

test('with --username only the password is asked; backspace edits it; a wrong one fails and stores nothing', async () => {
  const config = join(work, 'b.json');
  const ok = await inPty(['registry', 'login', host, '-u', 'ci', '--plain-http'], [['Password: ', 's3cret-pwX\x7f\r']], config);
  assert.is(ok.code, 0, ok.stdout);
  assert.not.match(ok.stdout, 'Username:');
  const bad = await inPty(['registry', 'login', host, '-u', 'ci', '--plain-http'], [['Password: ', 'nope\r']], join(work, 'c.json'));
  assert.is(bad.code, 1, bad.stdout);
  assert.match(bad.stdout, /401 Unauthorized/);
  assert.not.ok(existsSync(join(work, 'c.json')));
});

test('an empty username asks for a token; an empty answer is refused', async () => {
  const r = await inPty(['registry', 'login', host, '--plain-http'], [['Username: ', '\r'], ['Token: ', '\r']], join(work, 'd.json'));
  assert.is(r.code, 2, r.stdout);
  assert.match(r.stdout, 'Error: token required');
  const p = await inPty(['registry', 'login', host, '-u', 'ci', '--plain-http'], [['Password: ', '\r']], join(work, 'd.json'));
  assert.is(p.code, 2, p.stdout);
  assert.match(p.stdout, 'Error: password required');
});

test('without a terminal: a usage error naming --password-stdin, nothing stored', async () => {
  const config = join(work, 'e.json');
  const r = await skiff(['registry', 'login', host, '-u', 'ci', '--plain-http'], { env: { HELM_REGISTRY_CONFIG: config }, input: '' });
  assert.is(r.code, 2);
  assert.match(r.stderr, `no password given for ${host}, and standard input is not a terminal`);
  assert.match(r.stderr, '--password-stdin');
  assert.not.ok(existsSync(config));
});

test.run();
