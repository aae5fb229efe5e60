// Helm 4's post-renderer plugins: a directory under a plugins folder
// ($HELM_PLUGINS, by default $HELM_DATA_HOME/plugins) whose plugin.yaml says
// `apiVersion: v1`, `type: postrenderer/v1`, `runtime: subprocess` and gives
// the program in `runtimeConfig.platformCommand` (per os/arch, $VARs expanded
// with HELM_PLUGIN_DIR and HELM_PLUGIN_NAME set). skiff finds and runs such a
// plugin exactly as `helm install --post-renderer NAME` does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RenderError } from '../errors.js';

/** A plugin's program, ready to run (the command still to be found on $PATH when it has no slash). */
export interface PluginCommand {
  readonly name: string;
  readonly dir: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Variables the plugin gets on top of the caller's environment. */
  readonly env: Readonly<Record<string, string>>;
}

interface PlatformCommand {
  readonly os?: string;
  readonly arch?: string;
  readonly command?: string;
  readonly args?: readonly string[];
}

const GOOS: Record<string, string> = { win32: 'windows', darwin: 'darwin', linux: 'linux', freebsd: 'freebsd', openbsd: 'openbsd' };
const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

/** Helm's getPlatformCommand: exact os+arch, else os with no arch, else the first entry with neither. */
function platformCommand(cmds: readonly PlatformCommand[]): PlatformCommand | undefined {
  const os = GOOS[process.platform] ?? process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  const eq = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b;
  let pick: PlatformCommand | undefined;
  let osMatch = false;
  for (const c of cmds) {
    if (eq(c.os, os) && eq(c.arch, arch)) return c;
    if ((c.os && !eq(c.os, os)) || c.arch) continue;
    if (!osMatch && c.os) {
      pick = c;
      osMatch = true;
    } else if (!pick) pick = c;
  }
  return pick;
}

/** Go's os.Expand: $VAR and ${VAR} from `env`, unknown names empty. */
function expand(s: string, env: Readonly<Record<string, string | undefined>>): string {
  return s.replace(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g, (_m, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? '');
}

/** What one plugin.yaml says, or undefined when it is not a v1 plugin.yaml (a Helm 3 plugin, a broken file). */
function readMetadata(dir: string): Record<string, unknown> | undefined {
  const file = join(dir, 'plugin.yaml');
  if (!existsSync(file)) return undefined;
  try {
    const m = parse(readFileSync(file, 'utf8')) as unknown;
    return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Looks for the post-renderer plugin `name` in `dirs` (the first plugin of
 * that name and type wins, as Helm's FindPlugin); undefined when there is
 * none. Throws RenderError for such a plugin that cannot run: a runtime other
 * than subprocess (Helm's extism/v1 WebAssembly), or no command
 * for this platform.
 */
export function findPostRendererPlugin(name: string, dirs: readonly string[], baseEnv: Readonly<Record<string, string | undefined>>): PluginCommand | undefined {
  for (const root of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(root);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      const dir = join(root, entry);
      const meta = readMetadata(dir);
      // Helm matches the name and the type: a CLI plugin of the same name is not a post-renderer.
      if (!meta || meta.name !== name || meta.apiVersion !== 'v1' || meta.type !== 'postrenderer/v1') continue;
      const where = `plugin "${name}" (${join(dir, 'plugin.yaml')})`;
      if (meta.runtime !== 'subprocess') throw new RenderError(`${where} uses runtime ${JSON.stringify(meta.runtime)}; skiff runs subprocess post-renderer plugins only`);
      const config = (meta.runtimeConfig ?? {}) as { platformCommand?: unknown };
      const cmds = Array.isArray(config.platformCommand) ? (config.platformCommand as PlatformCommand[]) : [];
      const chosen = platformCommand(cmds);
      const parts = (chosen?.command ?? '').split(' ');
      if (!parts[0]) throw new RenderError(`${where}: no plugin command is applicable (runtimeConfig.platformCommand has no command for this platform)`);
      const env = { HELM_PLUGIN_NAME: name, HELM_PLUGIN_DIR: dir };
      const all = { ...baseEnv, ...env };
      return {
        name,
        dir,
        command: expand(parts[0], all),
        args: [...parts.slice(1), ...(chosen?.args ?? []).map(String)].map((a) => expand(a, all)),
        env,
      };
    }
  }
  return undefined;
}
