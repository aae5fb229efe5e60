/** skiff's own version and build facts, as printed by `skiff version`. */
export const SKIFF_VERSION = '0.1.0';
/** The Kubernetes version skiff assumes when no cluster is asked (template, lint). */
export const DEFAULT_KUBE_VERSION = 'v1.32.0';
