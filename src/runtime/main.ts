// Entry of the bundled control-plane process (dist/runtime-main.js), started
// by `skiff cluster start`: runs the runtime on its data dir, records where it
// listens in runtime.json (the data dir's files are named by
// src/cluster/layout.ts), and shuts down cleanly on SIGTERM/SIGINT.
//   node runtime-main.js --data-dir DIR [--port N] [--store sqlite|memory] [--sync normal|full] [--history-size N] [--without COMPONENT,...]
import { clearRuntimeState, clusterLayout, previousPort, recordPort, writeRuntimeState } from '../cluster/layout.js';
import { startRuntime, type Runtime } from './runtime.js';
import { defaultComponents } from './components.js';
import { controlPlaneComponent } from './control-plane.js';

interface Args {
  dataDir: string;
  port?: number;
  store: string;
  historySize?: number;
  sync?: 'full' | 'normal';
  /** Components not to start (by name, e.g. "control-plane" to serve the API alone). */
  without: string[];
  nodes?: number;
  nodeCpu?: string;
  nodeMemory?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = { store: 'sqlite', without: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--data-dir') out.dataDir = value();
    else if (flag === '--port') out.port = Number(value());
    else if (flag === '--store') out.store = value();
    else if (flag === '--history-size') out.historySize = Number(value());
    else if (flag === '--nodes') out.nodes = Number(value());
    else if (flag === '--node-cpu') out.nodeCpu = value();
    else if (flag === '--node-memory') out.nodeMemory = value();
    else if (flag === '--sync') out.sync = value() as Args['sync'];
    else if (flag === '--without') out.without!.push(...String(value()).split(','));
    else throw new Error(`unknown flag ${a}`);
  }
  if (!out.dataDir) throw new Error('--data-dir is required');
  if (out.port !== undefined && (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)) throw new Error('--port must be 0-65535');
  if (out.store !== 'sqlite' && out.store !== 'memory') throw new Error('--store must be sqlite or memory');
  if (out.nodes !== undefined && (!Number.isInteger(out.nodes) || out.nodes < 0 || out.nodes > 5000)) throw new Error('--nodes must be an integer 0-5000');
  if (out.sync !== undefined && out.sync !== 'full' && out.sync !== 'normal') throw new Error('--sync must be full or normal');
  // --sync full: fsync every group commit (survives power loss, not only a process kill).
  if (out.sync && out.store === 'sqlite') out.store = `sqlite:${clusterLayout(out.dataDir!).stateDb}?synchronous=${out.sync}`;
  return out as Args;
}

async function main(): Promise<void> {
  // Everything this process writes (state, keys, kubeconfig, runtime.json) is private to its user.
  process.umask(0o077);
  const args = parseArgs(process.argv.slice(2));
  const known = defaultComponents().map((c) => c.name);
  for (const w of args.without) if (!known.includes(w)) throw new Error(`--without ${w}: no such component (${known.join(', ')})`);
  let components = args.without.length ? defaultComponents().filter((c) => !args.without.includes(c.name)) : undefined;
  if (args.nodes !== undefined || args.nodeCpu || args.nodeMemory) {
    // Node count and capacity only matter on the first start; later starts keep the nodes in the store.
    const capacity = { ...(args.nodeCpu ? { cpu: args.nodeCpu } : {}), ...(args.nodeMemory ? { memory: args.nodeMemory } : {}) };
    components = (components ?? defaultComponents()).map((c) => (c.name === 'control-plane' ? controlPlaneComponent({ nodes: args.nodes, nodeCapacity: Object.keys(capacity).length ? capacity : undefined }) : c));
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const layout = clusterLayout(args.dataDir);
  let rt: Runtime;
  // The port used last time, so kubeconfigs written earlier keep working.
  const prev = args.port === undefined ? previousPort(layout) : undefined;
  try {
    rt = await startRuntime({ dataDir: args.dataDir, port: args.port ?? prev ?? 0, store: args.store, historySize: args.historySize, components, log, apiSocket: true });
  } catch (err) {
    if (prev !== undefined && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      rt = await startRuntime({ dataDir: args.dataDir, port: 0, store: args.store, historySize: args.historySize, components, log, apiSocket: true });
    } else throw err;
  }
  recordPort(layout, rt.port);
  writeRuntimeState(layout, { pid: process.pid, port: rt.port, url: rt.url, kubeconfig: rt.kubeconfigPath, store: args.store, startedAt: new Date().toISOString(), ...(rt.socketPath ? { socket: rt.socketPath } : {}) });
  process.stdout.write(`skiff cluster listening on ${rt.url} (kubeconfig ${rt.kubeconfigPath})\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    rt.stop().then(
      () => {
        // Only our own record: a newer process may already have replaced it.
        clearRuntimeState(layout, process.pid);
        process.exit(0);
      },
      (err) => {
        log(`stop failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`skiff runtime: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
