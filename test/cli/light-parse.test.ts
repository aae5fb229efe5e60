// The light command-line reader (src/cli/light-parse.ts) must give every
// command's handler exactly what yargs gives it, or step aside. For every
// command, thousands of generated command lines (every declared flag in every
// spelling, aliases, defaults, numbers, arrays, positionals in every place,
// plus the forms yargs reads its own way) are read both ways: wherever the
// light reader answers, its answer equals yargs'.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import yargs from 'yargs';
import { COMMANDS } from '../../src/cli/commands.js';
import { addGlobalFlags } from '../../src/cli/global-flags.js';
import { lightArgs } from '../../src/cli/light-parse.js';

/** What yargs hands the command's handler for `argv` (the whole line, command word included), or an Error. */
async function yargsArgs(mod: { command: any }, argv: string[]): Promise<Record<string, unknown> | Error> {
  let got: Record<string, unknown> | undefined;
  const cli = addGlobalFlags(yargs(argv))
    .scriptName('skiff')
    .strict()
    .help(false)
    .version(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .command({ ...mod.command, handler: (a: Record<string, unknown>) => void (got = a) });
  try {
    await cli.parseAsync();
  } catch (err) {
    return err as Error;
  }
  return got ?? new Error('no handler run');
}

/** The argument object as a handler sees it: keys holding undefined are the same as absent. */
function plain(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined && k !== '$0') out[k] = v;
  return out;
}

interface Flag {
  name: string;
  type: string;
  array: boolean;
  aliases: string[];
}

/** The flags a command declares (its builder replayed against a recorder). */
function flagsOf(command: any): { flags: Flag[]; positionals: number; variadic: boolean } {
  const flags: Flag[] = [];
  const rec: any = new Proxy(
    {},
    {
      get: (_t, key) => (name: unknown, o: any) => {
        if (key === 'option' && typeof name === 'string') flags.push({ name, type: o?.type, array: !!o?.array, aliases: o?.alias === undefined ? [] : [o.alias].flat() });
        return rec;
      },
    },
  );
  addGlobalFlags(rec);
  if (typeof command.builder === 'function') command.builder(rec);
  const words = String(command.command).trim().split(/\s+/).slice(1);
  return { flags, positionals: words.length, variadic: words.some((w) => w.includes('..')) };
}

/** A small deterministic random source. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['rel', 'charts/web', 'oci://127.0.0.1:5000/ns/web', '1.0.0', 'a=b,c=d', 'true', 'false', '10', '007', '-1', '1e3', '', 'x y', '"q"', "'q'", '0x10', 'json', 'client'];

function lines(command: any, name: string, count: number, seed: number): string[][] {
  const { flags, positionals } = flagsOf(command);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: string[][] = [];
  for (let n = 0; n < count; n++) {
    const line: string[] = [];
    const nPos = Math.floor(r() * (positionals + 2));
    const pos = Array.from({ length: nPos }, () => pick(['rel', 'charts/web', 'oci://127.0.0.1:5000/ns/web', '1.0.0', '10', '007', 'true', '1e3']));
    const nFlags = Math.floor(r() * 5);
    const flag = (): void => {
      const f = pick(flags);
      const spelling = r() < 0.3 && f.aliases.length ? pick(f.aliases) : f.name;
      const dash = spelling.length === 1 ? '-' : '--';
      const value = f.type === 'number' ? pick(['3', '0', '12', 'x', '-1', '1.5', '010']) : pick(WORDS);
      const form = r();
      if (f.type === 'boolean') {
        if (form < 0.8) line.push(`${dash}${spelling}`);
        else if (form < 0.9) line.push(`${dash}${spelling}`, pick(['true', 'false']));
        else line.push(`--no-${f.name}`);
      } else if (form < 0.6) line.push(`${dash}${spelling}`, value);
      else if (form < 0.9) line.push(`${dash}${spelling}=${value}`);
      else line.push(`${dash}${spelling}`);
    };
    for (let i = 0; i < nFlags; i++) {
      flag();
      // Positionals interleaved with the flags.
      if (pos.length && r() < 0.5) line.push(pos.shift()!);
    }
    line.push(...pos);
    // A flag last on the line, where yargs reads a bare or empty one its own way.
    if (r() < 0.3) flag();
    if (r() < 0.05) line.push(pick(['--bogus', '-Aq', '--', '-', '--debug']));
    out.push([name, ...line]);
  }
  return out;
}

/** The commands whose flags are all plain (no subcommands, choices or coercions). */
const PLAIN = new Set(['install', 'upgrade', 'rollback', 'uninstall', 'list', 'history', 'status', 'recover', 'test', 'template', 'unittest', 'lint', 'package', 'pull', 'verify', 'push', 'dashboard', 'version']);

for (const entry of COMMANDS) {
  test(`${entry.name}: the light reader answers as yargs does, or not at all`, async () => {
    const mod = await entry.load();
    let answered = 0;
    const all = lines(mod.command, entry.name, 80, entry.name.length * 7919);
    for (const argv of all) {
      const light = lightArgs(mod.command, entry.name, argv.slice(1));
      if (!light) continue;
      answered++;
      const y = await yargsArgs(mod, argv);
      if (y instanceof Error) {
        assert.unreachable(`${argv.join(' ')}: the light reader answered, yargs refused: ${y.message}`);
        continue;
      }
      assert.equal(plain(light), plain(y), argv.join(' '));
    }
    // The commands whose builders declare plain flags only are really read (the reader does not step aside everywhere).
    if (PLAIN.has(entry.name)) assert.ok(answered >= all.length / 10, `${entry.name}: only ${answered} of ${all.length} lines answered`);
    else assert.is(answered, 0, `${entry.name} has subcommands or choices: always yargs`);
  });
}

test('plain lines of the hot commands are answered (so they skip yargs)', async () => {
  const load = async (n: string) => (await COMMANDS.find((c) => c.name === n)!.load()).command;
  const push = await load('push');
  assert.equal(plain(lightArgs(push, 'push', ['c.tgz', 'oci://h/ns', '--plain-http'])!), {
    _: ['push'],
    chart: 'c.tgz',
    remote: 'oci://h/ns',
    'plain-http': true,
    plainHttp: true,
  });
  const pull = await load('pull');
  const p = plain(lightArgs(pull, 'pull', ['oci://h/ns/c', '--version', '^1.0', '-d', 'out', '--untar'])!);
  assert.equal([p.charts, p.version, p.destination, p.d, p.untar, p.untardir], [['oci://h/ns/c'], '^1.0', 'out', 'out', true, '.']);
  const install = await load('install');
  const i = plain(lightArgs(install, 'install', ['web', 'oci://h/ns/c', '-n', 'prod', '--set', 'a=1', '--set', 'b=2', '-f', 'v.yaml', '--wait'])!);
  assert.equal([i.args, i.namespace, i.set, i.values, i.f, i.wait], [['web', 'oci://h/ns/c'], 'prod', ['a=1', 'b=2'], ['v.yaml'], ['v.yaml'], '']);
  const template = await load('template');
  assert.ok(lightArgs(template, 'template', ['web', 'charts/web', '--set', 'x=1']));
});

test('bare value flags read as yargs reads them: the default, else ""', async () => {
  const entry = COMMANDS.find((c) => c.name === 'install')!;
  const mod = await entry.load();
  for (const argv of [
    ['web', 'c', '--timeout'],
    ['web', 'c', '--wait'],
    ['web', '--wait', 'c'],
    ['web', 'c', '--wait', '--timeout', '1m'],
    ['--dry-run', 'web', 'c'],
    ['web', 'c', '--dry-run=server', '-o', 'json'],
  ]) {
    const light = lightArgs(mod.command, 'install', argv);
    assert.ok(light, argv.join(' '));
    assert.equal(plain(light), plain((await yargsArgs(mod, ['install', ...argv])) as Record<string, unknown>), argv.join(' '));
  }
});

test('lines yargs reads its own way are left to yargs', async () => {
  const load = async (n: string) => (await COMMANDS.find((c) => c.name === n)!.load()).command;
  const install = await load('install');
  for (const argv of [
    ['web', 'c', '--help'],
    ['web', 'c', '-h'],
    ['--set', 'a=1', 'web', 'c'], // yargs' array flags take the words after them
    ['web', 'c', '--no-hooks'],
    ['web', 'c', '--set=\'a=1\''], // yargs strips the quotes
    ['web', 'c', '--replace', 'false'], // a boolean takes a true/false after it
    ['web', 'c', '--replace', '--replace'],
    ['web', 'c', '-gn', 'x'],
    ['web', 'c', '--', 'x'],
    ['web', 'c', '--bogus'],
    ['web', 'c', '--set='], // yargs gives [] for a last empty array flag, [""] elsewhere
    ['web', 'c', '--timeout', '-1'], // yargs takes a negative number as the value
    ['web', 'c', '-1'],
  ]) {
    assert.is(lightArgs(install, 'install', argv), undefined, argv.join(' '));
  }
  const push = await load('push');
  assert.is(lightArgs(push, 'push', ['only-one']), undefined, 'a missing positional is yargs\' error to give');
  assert.is(lightArgs(push, 'push', ['a', 'b', 'c']), undefined, 'so is an extra one');
});

test.run();
