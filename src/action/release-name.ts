import { SkiffError } from '../errors.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Helm's release name rule: at most 53 characters, a lowercase DNS-1123 subdomain. Throws with Helm's message. */
export function validateReleaseName(name: string): void {
  if (!name || name.length > 53 || !NAME.test(name)) {
    throw new SkiffError(
      'INVALID_RELEASE_NAME',
      `release name "${name}": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`,
    );
  }
}
