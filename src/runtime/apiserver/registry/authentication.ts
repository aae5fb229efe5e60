// authentication.k8s.io/v1: the create-only review kinds.
import type { ResourceDef } from './types.js';
import { CREATE_ONLY } from './common.js';

const G = 'authentication.k8s.io';
const V = 'v1';

export const resources: ResourceDef[] = [
  { group: G, version: V, kind: 'SelfSubjectReview', listKind: 'SelfSubjectReviewList', plural: 'selfsubjectreviews', singular: 'selfsubjectreview', namespaced: false, verbs: CREATE_ONLY },
  { group: G, version: V, kind: 'TokenReview', listKind: 'TokenReviewList', plural: 'tokenreviews', singular: 'tokenreview', namespaced: false, verbs: CREATE_ONLY },
];
