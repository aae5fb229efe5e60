// The in-process parts of the control plane besides the API server: each is an
// API client started with one context and stopped through its AbortSignal
// (kwok's shape: config + start(signal)). Later layers (scheduler, controllers,
// simulated nodes) add themselves to defaultComponents().
import type { KubeClient } from '../kube/client.js';
import type { PodLogProvider } from './apiserver/pipeline.js';
import type { Clock } from '../util/clock.js';
import { startNamespaceController, type NamespacedResource } from './controllers/namespace.js';
import { startNamespaceDefaults } from './controllers/serviceaccount.js';
import { controlPlaneComponent } from './control-plane.js';

export interface ComponentContext {
  /** An in-process client: the same request pipeline as HTTP. */
  readonly client: KubeClient;
  /** The cluster CA (PEM), e.g. for kube-root-ca.crt. */
  readonly caPem: string;
  /** The runtime's clock (one for the API server and every component). */
  readonly clock: Clock;
  /** Every namespaced resource with list+delete, one version each (CRDs included, read at call time). */
  readonly namespacedResources: () => readonly NamespacedResource[];
  /** Installs the pods/log source (the simulated nodes). */
  readonly setPodLogProvider: (p: PodLogProvider | undefined) => void;
  /** Aborted when the runtime stops. */
  readonly signal: AbortSignal;
}

export interface RuntimeComponent {
  readonly name: string;
  /** Starts the component; it must stop its work when `ctx.signal` aborts. */
  start(ctx: ComponentContext): void | Promise<void>;
}

/** The components every runtime starts, in order. */
export function defaultComponents(): RuntimeComponent[] {
  return [
    { name: 'namespace-defaults', start: (ctx) => startNamespaceDefaults({ client: ctx.client, caPem: ctx.caPem }, ctx.signal) },
    { name: 'namespace', start: (ctx) => startNamespaceController({ client: ctx.client, resources: ctx.namespacedResources }, ctx.signal) },
    controlPlaneComponent(),
  ];
}
