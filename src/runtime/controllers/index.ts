// The controller manager's list: every controller the bundled control plane
// runs, each built on the shared informers of one ControllerContext.
import type { Controller, ControllerContext } from '../kit/controller.js';
import { APIServiceAvailabilityController } from './apiservice.js';
import { CronJobController } from './cronjob.js';
import { DaemonSetController } from './daemonset.js';
import { DeploymentController } from './deployment.js';
import { DisruptionController } from './disruption.js';
import { EndpointsController } from './endpoints.js';
import { GarbageCollector } from './gc.js';
import { HorizontalPodAutoscalerController } from './hpa.js';
import { JobController } from './job.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from './nodelifecycle.js';
import { REPLICATION_CONTROLLER, ReplicaSetController } from './replicaset.js';
import { ResourceQuotaController } from './resourcequota.js';
import { ServiceLoadBalancerController } from './servicelb.js';
import { StatefulSetController } from './statefulset.js';
import { VolumeController } from './volumes.js';

export type { NodeLifecycleOptions };

/** The controllers of the controller manager, not yet started. */
export function controllerManager(ctx: ControllerContext, o: { readonly nodeLifecycle?: NodeLifecycleOptions } = {}): Controller[] {
  return [
    new ReplicaSetController(ctx),
    new ReplicaSetController(ctx, REPLICATION_CONTROLLER),
    new DeploymentController(ctx),
    new JobController(ctx),
    new EndpointsController(ctx),
    new GarbageCollector(ctx),
    new NodeLifecycleController(ctx, o.nodeLifecycle),
    new DisruptionController(ctx),
    new StatefulSetController(ctx),
    new CronJobController(ctx),
    new DaemonSetController(ctx),
    new VolumeController(ctx),
    new HorizontalPodAutoscalerController(ctx),
    new ResourceQuotaController(ctx),
    new ServiceLoadBalancerController(ctx),
    new APIServiceAvailabilityController(ctx),
  ];
}
