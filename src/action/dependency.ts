// dependency update, build and list (see src/repo/dependency.ts).
export {
  dependencyUpdate,
  dependencyBuild,
  dependencyList,
  hashRequirements,
  type DependencyOptions,
  type DependencyResult,
  type DependencyStatus,
} from '../repo/dependency.js';
