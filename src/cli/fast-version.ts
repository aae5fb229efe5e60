import { versionInfo } from '../action/version.js';
import { guardStream, writeOut } from './sink.js';

/** Handles the plain forms of `skiff version`; returns undefined to defer to the full CLI. */
export function runVersion(argv: readonly string[]): number | undefined {
  // A closed stdout (`skiff version | true`) must not crash the process.
  guardStream(process.stdout);
  const rest = argv.filter((a) => a !== 'version');
  const info = versionInfo();
  if (rest.length === 0) {
    writeOut(`version.BuildInfo{Version:"v${info.version}", KubeVersion:"${info.kubeVersion}", NodeVersion:"${info.nodeVersion}"}\n`);
    return 0;
  }
  if (rest.length === 1 && rest[0] === '--short') {
    writeOut(`v${info.version}\n`);
    return 0;
  }
  const o = rest.join(' ');
  if (o === '-o json' || o === '--output json' || o === '-o=json' || o === '--output=json') {
    writeOut(JSON.stringify(info) + '\n');
    return 0;
  }
  return undefined;
}
