// The render processes a command holds: the ones started ahead of need and
// the ones parked after a render for the next. A module of its own, with
// nothing of the renderer's in it, so the CLI can start a render process
// before it loads the renderer, its commands or the chart (src/cli/main.ts).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSandboxCommand, spawnSandbox, type SandboxCommand } from './command.js';

export { keepToBaselineCode } from './baseline-code.js';

// Render processes started ahead of need: Node's start, the permission model,
// frozen intrinsics and the template engine take ~50 ms of CPU from the
// startup snapshot (~130 ms without), which a command can
// spend loading its chart and values instead. A process waits on stdin; it
// holds no reference on the event loop until it is used, and ends with this
// process (its stdin closes).
const warm: { key: string; child: ChildProcessWithoutNullStreams; failed: boolean }[] = [];

const keyOf = (cmd: SandboxCommand) => JSON.stringify([cmd.command, cmd.args, cmd.script, cmd.snapshot ?? null]);

/** What the caller knows, before loading anything, about the render to come. */
export interface PrestartHint {
  /** Paths that may be the chart (a command's positional arguments): local chart directories among them are counted. */
  readonly charts?: readonly string[];
  /** The `processes` option the render will get (SKIFF_RENDER_PROCESSES). */
  readonly processes?: number;
  /** localChartTemplates(charts), when the caller has counted them already. */
  readonly templates?: number;
}

/**
 * Starts render processes now for a render that will come later (with the
 * default output limit); renderChart uses them if their command line matches.
 * One, or as many as the render will be split across when `hint` names a
 * local chart directory large enough to be split (so the second process's
 * start is not on the render's path either). Never throws: a process that
 * cannot start is left for the render to report.
 */
export function prestartRenderProcess(hint?: PrestartHint): void {
  const wanted = hint ? expectedRenderProcesses(hint) : 1;
  if (idle.length >= wanted) return;
  let cmd: SandboxCommand;
  try {
    cmd = defaultSandboxCommand();
  } catch {
    return;
  }
  while (warm.length + idle.length < wanted) {
    const child = spawnSandbox(cmd);
    const entry = { key: keyOf(cmd), child, failed: false };
    child.on('error', () => (entry.failed = true));
    child.stdin.on('error', () => undefined);
    unrefAll(child);
    warm.push(entry);
  }
}

/** How many render processes wait for a render (started ahead, or parked after one). */
export function readyRenderProcesses(): number {
  const live = (c: ChildProcessWithoutNullStreams) => c.exitCode === null && c.signalCode === null;
  return warm.filter((w) => !w.failed && live(w.child)).length + idle.filter((e) => live(e.child)).length;
}

/** How many processes the render `hint` announces will use: its shard count when the first local chart directory among `hint.charts` is large, else 1. */
export function expectedRenderProcesses(hint: PrestartHint): number {
  return (hint.templates ?? localChartTemplates(hint.charts ?? [])) >= SHARD_THRESHOLD ? shardsWanted(hint.processes) : 1;
}

/**
 * Manifest templates of the first local chart directory among `charts` (its
 * subcharts' included), counted up to SHARD_THRESHOLD (a larger chart gives
 * SHARD_THRESHOLD or a little more: only which side of it matters); -1 when
 * none is a chart directory.
 */
export function localChartTemplates(charts: readonly string[]): number {
  for (const path of charts) {
    const n = countManifestTemplates(path, 0, SHARD_THRESHOLD);
    if (n >= 0) return n;
  }
  return -1;
}

/**
 * Manifest templates (names not starting with "_") of the chart directory
 * `dir` and of its unpacked subcharts, until there are `enough`; -1 when
 * `dir` is no chart directory.
 */
function countManifestTemplates(dir: string, depth: number, enough: number): number {
  if (depth > 3 || !existsSync(join(dir, 'Chart.yaml'))) return -1;
  let n = 0;
  try {
    for (const e of readdirSync(join(dir, 'templates'), { recursive: true, withFileTypes: true })) if (e.isFile() && !e.name.startsWith('_')) n++;
  } catch {
    // no templates/
  }
  if (n >= enough) return n;
  try {
    for (const e of readdirSync(join(dir, 'charts'), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      n += Math.max(0, countManifestTemplates(join(dir, 'charts', e.name), depth + 1, enough - n));
      if (n >= enough) return n;
    }
  } catch {
    // no charts/
  }
  return n;
}

// Render processes that finished a render cleanly wait for the next one with
// the same command line (a render process renders requests one after
// another), so a command that renders many times — unittest, lint of many
// values files, a dashboard — pays the start once per process instead
// of once per render. They hold no reference on the event loop, end when
// this process does (their stdin closes) and are killed after a while idle.
const idle: { key: string; child: ChildProcessWithoutNullStreams; timer: NodeJS.Timeout }[] = [];
const MAX_IDLE = Math.min(2, availableParallelism());
const IDLE_MS = 10_000;

function unrefAll(child: ChildProcessWithoutNullStreams): void {
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();
}

function refAll(child: ChildProcessWithoutNullStreams): void {
  child.ref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { ref?: () => void }).ref?.();
}

/** Processes that have answered a render: they started, so a later failure is not the snapshot's. */
export const answered = new WeakSet<ChildProcessWithoutNullStreams>();

/** Keeps a render process that answered cleanly for the next render, or kills it when enough wait already. */

export function park(cmd: SandboxCommand, child: ChildProcessWithoutNullStreams): void {
  answered.add(child);
  if (idle.length >= MAX_IDLE || child.exitCode !== null || child.signalCode !== null) {
    child.kill('SIGKILL');
    return;
  }
  const entry = { key: keyOf(cmd), child, timer: setTimeout(() => drop(entry), IDLE_MS) };
  entry.timer.unref();
  // A parked process that dies (or whose pipe breaks) simply leaves the pool.
  child.once('close', () => drop(entry));
  unrefAll(child);
  idle.push(entry);
}

function drop(entry: (typeof idle)[number]): void {
  const i = idle.indexOf(entry);
  if (i >= 0) idle.splice(i, 1);
  clearTimeout(entry.timer);
  if (entry.child.exitCode === null) entry.child.kill('SIGKILL');
}

/** A parked or prestarted process if one fits `cmd` and is still alive, referenced again; otherwise a new one. */
export function startSandbox(cmd: SandboxCommand): ChildProcessWithoutNullStreams {
  const key = keyOf(cmd);
  for (let i = idle.length - 1; i >= 0; i--) {
    const e = idle[i]!;
    if (e.key !== key || e.child.exitCode !== null || e.child.signalCode !== null) continue;
    idle.splice(i, 1);
    clearTimeout(e.timer);
    e.child.removeAllListeners('close');
    refAll(e.child);
    return e.child;
  }
  for (let w = warm.shift(); w; w = warm.shift()) {
    if (w.key === key && !w.failed && w.child.exitCode === null && w.child.signalCode === null) {
      refAll(w.child);
      return w.child;
    }
    if (w.child.exitCode === null) w.child.kill('SIGKILL');
  }
  return spawnSandbox(cmd);
}

/** Manifest templates from which splitting the work across two processes pays for the second start. */
export const SHARD_THRESHOLD = 150;

/** How many processes a chart large enough to split is split across: `processes` (at most 8), by default 2 (1 on a single core); 1 keeps rendering in one process (less memory). */
export function shardsWanted(processes: number | undefined): number {
  const wanted = processes ?? Math.min(2, availableParallelism());
  return Number.isInteger(wanted) && wanted >= 1 ? Math.min(wanted, 8) : 1;
}
