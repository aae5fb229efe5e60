// `npm run repo-index [-- --check]`: keeps repo-index/ (the project's chart
// repository: one archive per chart in charts/ plus index.yaml) in step with
// charts/. Output is byte-identical while charts/ is unchanged. With --check
// nothing is written and the exit status says whether repo-index/ is current.
import { mkdtemp, readFile, readdir, rm, stat, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageChart } from '../chart/index.js';
import { buildDirectoryIndex } from './index-dir.js';
import { parseIndex } from './index-file.js';
import { writeFileAtomic } from './fs-util.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

async function main(check: boolean): Promise<number> {
  const chartsDir = join(ROOT, 'charts');
  const outDir = join(ROOT, 'repo-index');
  const staging = await mkdtemp(join(tmpdir(), 'skiff-repo-index-'));
  try {
    const names = (await readdir(chartsDir)).sort();
    for (const n of names) {
      if (!(await stat(join(chartsDir, n))).isDirectory()) continue;
      await packageChart(join(chartsDir, n), { destination: staging });
    }
    const indexFile = join(outDir, 'index.yaml');
    const currentIndex = await readFile(indexFile, 'utf8').catch(() => undefined);
    const previous = currentIndex === undefined ? undefined : parseIndex(currentIndex, indexFile);
    const built = await buildDirectoryIndex(staging, { previous });
    if (built.skipped.length) throw new Error(built.skipped.map((s) => `${s.file}: ${s.reason}`).join('\n'));
    const want = (await readdir(staging)).filter((f) => f.endsWith('.tgz')).sort();
    const have = (await readdir(outDir).catch(() => [] as string[])).filter((f) => f.endsWith('.tgz')).sort();
    const stale: string[] = [];
    for (const f of want) {
      const a = await readFile(join(staging, f));
      const b = await readFile(join(outDir, f)).catch(() => undefined);
      if (!b || !a.equals(b)) stale.push(f);
    }
    const extra = have.filter((f) => !want.includes(f));
    const indexStale = built.text !== currentIndex;
    if (check) {
      if (stale.length || extra.length || indexStale) {
        const what = [...stale.map((f) => `${f} differs or is missing`), ...extra.map((f) => `${f} is not built from charts/`), ...(indexStale ? ['index.yaml is out of date'] : [])];
        process.stderr.write(`Error: repo-index/ is out of date with charts/:\n  ${what.join('\n  ')}\nRun "npm run repo-index" and commit the result.\n`);
        return 1;
      }
      process.stdout.write('repo-index/ is up to date with charts/\n');
      return 0;
    }
    for (const f of stale) await copyFile(join(staging, f), join(outDir, f)).catch(async () => writeFileAtomic(join(outDir, f), await readFile(join(staging, f))));
    for (const f of extra) await rm(join(outDir, f));
    if (indexStale) await writeFileAtomic(indexFile, built.text);
    process.stdout.write(`repo-index/: ${want.length} charts${stale.length || extra.length || indexStale ? ' (updated)' : ' (unchanged)'}\n`);
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

main(process.argv.includes('--check')).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
