// repo serve: host a directory as a chart repository (see src/repo/server.ts).
export { serveRepository as repoServe, type ServeOptions, type RepoServer } from '../repo/server.js';
