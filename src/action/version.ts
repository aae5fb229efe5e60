import { SKIFF_VERSION, DEFAULT_KUBE_VERSION } from '../version.js';

export interface VersionInfo {
  readonly version: string;
  readonly kubeVersion: string;
  readonly nodeVersion: string;
}

/** skiff's version facts. */
export function versionInfo(): VersionInfo {
  return { version: SKIFF_VERSION, kubeVersion: DEFAULT_KUBE_VERSION, nodeVersion: process.version };
}
