import type { Argv, CommandModule } from 'yargs';
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../../errors.js';
import { skiffHome } from '../backend-args.js';
import { parseOutputFormat, printResult, formatTable } from '../output.js';
import { writeErr, writeOut } from '../sink.js';

interface Args {
  home?: string;
  port?: number;
  store?: string;
  foreground?: boolean;
  output?: string;
  merge?: boolean;
  yes?: boolean;
  name?: string;
  group?: string[];
}

const load = () => import('../../cluster/process.js');

function storeOf(v: string | undefined): 'sqlite' | 'memory' | undefined {
  if (v === undefined) return undefined;
  if (v !== 'sqlite' && v !== 'memory') throw new UsageError(`invalid --store "${v}": expected sqlite or memory`);
  return v;
}

const start: CommandModule<object, Args> = {
  command: 'start',
  describe: 'start the bundled cluster (detached unless --foreground)',
  builder: (y) =>
    y
      .option('port', { type: 'number', describe: 'port on 127.0.0.1 (default: the previous one, else any free port)' })
      .option('store', { type: 'string', describe: 'object store: sqlite (durable, default) or memory' })
      .option('foreground', { type: 'boolean', describe: 'run in this terminal until interrupted' })
      .option('nodes', { type: 'number', describe: 'simulated nodes created on the first start (default 3)' })
      .option('node-cpu', { type: 'string', describe: 'cpu capacity of those nodes (default 4)' })
      .option('node-memory', { type: 'string', describe: 'memory capacity of those nodes (default 8Gi)' }) as Argv<Args>,
  handler: async (args) => {
    const a = await load();
    const n = args as Args & { nodes?: number; nodeCpu?: string; nodeMemory?: string };
    if (n.nodes !== undefined && (!Number.isInteger(n.nodes) || n.nodes < 0)) throw new UsageError(`invalid --nodes "${n.nodes}": expected a whole number`);
    const opts = { home: skiffHome(args), port: args.port, store: storeOf(args.store), nodes: n.nodes, nodeCpu: n.nodeCpu, nodeMemory: n.nodeMemory };
    if (args.foreground) {
      process.exitCode = await a.runClusterForeground(opts);
      return;
    }
    const r = await a.startCluster(opts);
    writeOut(
      (r.alreadyRunning ? `The cluster is already running (pid ${r.pid}).\n` : `Cluster started (pid ${r.pid}).\n`) +
        `API server: ${r.url}\n` +
        `Use it with kubectl:\n  export KUBECONFIG=${r.kubeconfigPath}\n  kubectl get namespaces\n` +
        `or merge it into ~/.kube/config: skiff cluster kubeconfig --merge\n`,
    );
  },
};

const stop: CommandModule<object, Args> = {
  command: 'stop',
  describe: 'stop the bundled cluster (its state is kept)',
  handler: async (args) => {
    const r = await (await load()).stopCluster(skiffHome(args));
    writeOut(r.stopped ? `Cluster stopped (pid ${r.pid}).\n` : 'The cluster is not running.\n');
  },
};

const status: CommandModule<object, Args> = {
  command: 'status',
  describe: 'show whether the bundled cluster is running',
  builder: (y) => y.option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as Argv<Args>,
  handler: async (args) => {
    const format = parseOutputFormat(args.output);
    const s = await (await load()).clusterStatus(skiffHome(args));
    printResult(format, s, () =>
      s.running
        ? formatTable(['STATUS', 'PID', 'URL', 'STORE', 'KUBECONFIG'], [['running', String(s.pid), s.url ?? '', s.store ?? '', s.kubeconfigPath ?? '']])
        : formatTable(['STATUS', 'DATA'], [['stopped', s.dataDir]]),
    );
  },
};

const kubeconfig: CommandModule<object, Args> = {
  command: 'kubeconfig',
  describe: 'print the path of a kubeconfig for the bundled cluster',
  builder: (y) => y.option('merge', { type: 'boolean', describe: 'also merge it into ~/.kube/config as the context "skiff"' }) as Argv<Args>,
  handler: async (args) => {
    const r = (await import('../../cluster/kubeconfig.js')).clusterKubeconfig(skiffHome(args), { merge: args.merge });
    writeOut(`${r.path}\n`);
    if (r.mergedInto) writeErr(`Merged context "skiff" into ${r.mergedInto}\n`);
  },
};

const reset: CommandModule<object, Args> = {
  command: 'reset',
  describe: 'stop the bundled cluster and delete all its objects and credentials',
  builder: (y) => y.option('yes', { alias: 'y', type: 'boolean', describe: 'do not ask for confirmation' }) as Argv<Args>,
  handler: async (args) => {
    const home = skiffHome(args);
    if (!args.yes) {
      if (!process.stdin.isTTY) throw new UsageError('refusing to reset the cluster without confirmation; pass --yes');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await rl.question('This deletes every object of the bundled cluster. Continue? [y/N] ');
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        writeOut('Aborted.\n');
        return;
      }
    }
    const r = await (await load()).resetCluster(home);
    writeOut(`Cluster reset (${r.removed} removed).\n`);
  },
};

const userAdd: CommandModule<object, Args> = {
  command: 'add <name>',
  describe: 'issue a kubeconfig for a new user (client certificate signed by the cluster CA)',
  builder: (y) => y.positional('name', { type: 'string', describe: 'user name (the certificate CN)' }).option('group', { type: 'string', array: true, describe: 'group the user belongs to (repeatable)' }) as Argv<Args>,
  handler: async (args) => {
    const r = await (await import('../../cluster/users.js')).addClusterUser({ home: skiffHome(args), name: String(args.name), groups: args.group });
    writeOut(`${r.kubeconfigPath}\n`);
  },
};

const user: CommandModule<object, Args> = {
  command: 'user <command>',
  describe: 'manage users of the bundled cluster',
  builder: (y) => y.command(userAdd).demandCommand(1, 'a user subcommand is required') as Argv<Args>,
  handler: () => {},
};

interface NodeArgs extends Args {
  cpu?: string;
  memory?: string;
  pods?: string;
  label?: string[];
  taint?: string[];
}

const loadNodes = () => import('../../cluster/nodes.js');
const nodeCmd = (verb: 'stop' | 'start', describe: string): CommandModule<object, NodeArgs> => ({
  command: `${verb} <name>`,
  describe,
  handler: async (args) => {
    const r = await (await loadNodes()).setNodeRunning(skiffHome(args), String(args.name), verb === 'start');
    writeOut(`node/${r.name} ${verb === 'start' ? 'started' : 'stopped'}\n`);
  },
});

const node: CommandModule<object, NodeArgs> = {
  command: 'node <command>',
  describe: 'manage the simulated nodes of the bundled cluster',
  builder: (y) =>
    y
      .command<NodeArgs>({
        command: 'list',
        describe: 'list nodes',
        handler: async (args) => {
          const rows = await (await loadNodes()).listNodes(skiffHome(args));
          writeOut(formatTable(['NAME', 'STATUS', 'CPU', 'MEMORY', 'PODS', 'POD CIDR', 'SIMULATION'], rows.map((r) => [r.name, r.status, r.cpu, r.memory, r.pods, r.podCIDR, r.simulated ? (r.stopped ? 'stopped' : 'running') : '-'])));
        },
      })
      .command<NodeArgs>({
        command: 'add <name>',
        describe: 'add a simulated node',
        builder: (b) =>
          b
            .option('cpu', { type: 'string', describe: 'cpu capacity (default 4)' })
            .option('memory', { type: 'string', describe: 'memory capacity (default 8Gi)' })
            .option('pods', { type: 'string', describe: 'pod capacity (default 110)' })
            .option('label', { type: 'string', array: true, describe: 'key=value label (repeatable)' })
            .option('taint', { type: 'string', array: true, describe: 'key[=value]:Effect taint (repeatable)' }) as Argv<NodeArgs>,
        handler: async (args) => {
          const r = await (await loadNodes()).addNode({ home: skiffHome(args), name: String(args.name), cpu: args.cpu, memory: args.memory, pods: args.pods, labels: args.label, taints: args.taint });
          writeOut(`node/${r.name} added (${r.podCIDR})\n`);
        },
      })
      .command<NodeArgs>({
        command: 'remove <name>',
        describe: 'delete a node; its pods are recreated elsewhere',
        handler: async (args) => {
          await (await loadNodes()).removeNode(skiffHome(args), String(args.name));
          writeOut(`node/${String(args.name)} removed\n`);
        },
      })
      .command(nodeCmd('stop', 'stop a simulated node: it stops heartbeating, as if it died'))
      .command(nodeCmd('start', 'start a stopped simulated node again'))
      .demandCommand(1, 'a node subcommand is required') as unknown as Argv<NodeArgs>,
  handler: () => {},
};

export const command: CommandModule<object, Args> = {
  command: 'cluster <command>',
  describe: 'start, stop and manage the bundled cluster',
  builder: (y) => y.command(start).command(stop).command(status).command(kubeconfig).command(reset).command(user).command(node as unknown as CommandModule<object, Args>).demandCommand(1, 'a cluster subcommand is required') as Argv<Args>,
  handler: () => {},
};
