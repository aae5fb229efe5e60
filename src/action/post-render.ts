// --post-renderer: the rendered manifests and hooks (as Helm 4; Helm 3 left
// hooks out) go through a program — kustomize, a sed script, a Helm 4
// post-renderer plugin — on stdin, and what it prints is what gets applied,
// recorded in the release, or printed by `template`. The program: a name with
// a slash is a path (Helm 3); any other name is a postrenderer/v1 plugin when
// one has that name (Helm 4), else an executable searched in $PATH (Helm 3).
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { RenderError } from '../errors.js';
import { parseDocument } from 'yaml';
import { readManifests, sortManifests, type Hook, type Manifest } from '../render/index.js';
import { findPostRendererPlugin } from './postrender-plugin.js';

export interface PostRenderer {
  /** A path, a name on $PATH, or (with pluginDirs) the name of a postrenderer/v1 plugin, which wins over $PATH. */
  readonly command: string;
  readonly args?: readonly string[];
  /** Where Helm 4's plugins are looked for ($HELM_PLUGINS, by default $HELM_DATA_HOME/plugins). */
  readonly pluginDirs?: readonly string[];
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Go's exec.LookPath, which Helm uses to find the post-renderer (`what` names a plugin's command in errors). */
function lookPath(command: string, what?: string): string {
  if (command.includes('/')) {
    const p = isAbsolute(command) ? command : resolve(command);
    if (executable(p)) return p;
    throw new RenderError(`error while running post render on files: unable to find binary at ${command}${what ? ` (the command of ${what})` : ''}: exec: "${command}": ${executableMissing(p)}`);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir || '.', command);
    if (executable(p)) return resolve(p);
  }
  throw new RenderError(`error while running post render on files: unable to find binary at ${command}${what ? ` (the command of ${what})` : ''}: exec: "${command}": executable file not found in $PATH`);
}

function executableMissing(p: string): string {
  try {
    statSync(p);
    return 'permission denied';
  } catch {
    return 'no such file or directory';
  }
}

/** The annotation that carries each document's template through the post-renderer (Helm 4's). */
export const FILENAME_ANNOTATION = 'postrenderer.helm.sh/postrender-filename';

// Written as Helm 4's kyaml writes them: no padding inside flow collections, lists not indented under their key.
const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false, indentSeq: false } as const;

function annotate(m: Manifest): string {
  const doc = parseDocument(m.content);
  doc.setIn(['metadata', 'annotations', FILENAME_ANNOTATION], m.source);
  return doc.toString(YAML_OUT).trimEnd();
}

/** The document without the filename annotation, and the template it names. */
function deannotate(content: string): { content: string; source?: string } {
  if (!content.includes(FILENAME_ANNOTATION)) return { content };
  const doc = parseDocument(content);
  const source = doc.getIn(['metadata', 'annotations', FILENAME_ANNOTATION]);
  if (typeof source !== 'string') return { content };
  doc.deleteIn(['metadata', 'annotations', FILENAME_ANNOTATION]);
  const rest = doc.getIn(['metadata', 'annotations']) as { items?: unknown[] } | undefined;
  if (rest && Array.isArray(rest.items) && rest.items.length === 0) doc.deleteIn(['metadata', 'annotations']);
  return { content: doc.toString(YAML_OUT).trim(), source };
}

/** The program to run: a postrenderer/v1 plugin of that name, else an executable (a path, or a name on $PATH). */
function resolveProgram(pr: PostRenderer): { path: string; args: string[]; env?: Record<string, string>; label: string } {
  if (!pr.command.includes('/') && pr.pluginDirs?.length) {
    const plugin = findPostRendererPlugin(pr.command, pr.pluginDirs, process.env);
    if (plugin) {
      return { path: lookPath(plugin.command, `post-renderer plugin "${plugin.name}" (${plugin.dir})`), args: [...plugin.args, ...(pr.args ?? [])], env: { ...process.env, ...plugin.env } as Record<string, string>, label: `plugin "${plugin.name}"` };
    }
  }
  try {
    const path = lookPath(pr.command);
    return { path, args: [...(pr.args ?? [])], label: `"${path}"` };
  } catch (err) {
    if (pr.command.includes('/') || !pr.pluginDirs?.length) throw err;
    throw new RenderError(`${(err as Error).message}, and there is no postrenderer/v1 plugin named "${pr.command}" in ${pr.pluginDirs.join(', ')}`);
  }
}

/**
 * Runs the post-renderer over the manifests and the hooks, as Helm 4 does:
 * each document goes in with a `# Source:` line and the template in the
 * annotation postrenderer.helm.sh/postrender-filename; what comes out is read
 * back (see readManifests), put back under its template (annotation, else
 * `# Source:`, else the post-renderer's name), the annotation removed, and
 * sorted into manifests and hooks again in install order. Throws RenderError
 * naming the program, with its error output when it fails, when it prints
 * nothing, or prints something that is not manifests.
 */
export async function postRender(pr: PostRenderer, manifests: readonly Manifest[], hooks: readonly Hook[] = []): Promise<{ manifests: Manifest[]; hooks: Hook[] }> {
  const docs = [...manifests, ...hooks].filter((m) => !m.empty);
  if (docs.length === 0) return { manifests: [...manifests], hooks: [...hooks] };
  const program = resolveProgram(pr);
  const input = docs.map((m) => `---\n# Source: ${m.source}\n${annotate(m)}\n`).join('');
  const { code, signal, stdout, stderr } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(program.path, program.args, { stdio: ['pipe', 'pipe', 'pipe'], ...(program.env ? { env: program.env } : {}) });
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
    throw new RenderError(`error while running post render on files: error while running command ${program.path}: ${e.message}`);
  });
  if (code !== 0) {
    const status = signal ? `signal: ${signal}` : `exit status ${code}`;
    throw new RenderError(`error while running post render on files: error while running command ${program.path}. error output:\n${stderr}: ${status}`);
  }
  if (stdout.trim() === '') throw new RenderError(`error while running post render on files: post-renderer ${program.label} produced empty output`);
  const origin = `post-renderer ${pr.command}`;
  const files: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const m of readManifests(origin, stdout)) {
    const { content, source } = deannotate(m.content);
    const key = source ?? m.source;
    files[key] = `${files[key] ?? ''}---\n${content}\n`;
  }
  return sortManifests(files);
}
