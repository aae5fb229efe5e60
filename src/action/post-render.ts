// --post-renderer: the rendered manifests (hooks excluded, as in Helm 3) go
// through an executable — kustomize, a sed script — on stdin, and what it
// prints is what gets applied, recorded in the release, or printed by
// `template`. Helm's lookup rule: a name with a slash is a path, any other
// name is searched in $PATH.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { RenderError } from '../errors.js';
import { formatManifests, readManifests, type Manifest } from '../render/index.js';

export interface PostRenderer {
  readonly command: string;
  readonly args?: readonly string[];
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Go's exec.LookPath, which Helm uses to find the post-renderer. */
function lookPath(command: string): string {
  if (command.includes('/')) {
    const p = isAbsolute(command) ? command : resolve(command);
    if (executable(p)) return p;
    throw new RenderError(`error while running post render on files: unable to find binary at ${command}: exec: "${command}": ${executableMissing(p)}`);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir || '.', command);
    if (executable(p)) return resolve(p);
  }
  throw new RenderError(`error while running post render on files: unable to find binary at ${command}: exec: "${command}": executable file not found in $PATH`);
}

function executableMissing(p: string): string {
  try {
    statSync(p);
    return 'permission denied';
  } catch {
    return 'no such file or directory';
  }
}

/**
 * Runs the post-renderer over the manifests and reads its output back (see
 * readManifests). Throws RenderError with the program's error output when it
 * fails, prints nothing, or prints something that is not manifests.
 */
export async function postRender(pr: PostRenderer, manifests: readonly Manifest[]): Promise<Manifest[]> {
  const path = lookPath(pr.command);
  const input = formatManifests(manifests);
  const { code, signal, stdout, stderr } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(path, [...(pr.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', fail);
    child.on('close', (c, s) => done({ code: c, signal: s, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    // A post-renderer that exits without reading its input is reported by its exit status, not as EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  }).catch((e: Error) => {
    throw new RenderError(`error while running post render on files: error while running command ${path}: ${e.message}`);
  });
  if (code !== 0) {
    const status = signal ? `signal: ${signal}` : `exit status ${code}`;
    throw new RenderError(`error while running post render on files: error while running command ${path}. error output:\n${stderr}: ${status}`);
  }
  if (stdout.trim() === '') throw new RenderError(`error while running post render on files: post-renderer "${path}" produced empty output`);
  return readManifests(`post-renderer ${pr.command}`, stdout);
}
