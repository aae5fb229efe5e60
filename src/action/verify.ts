// verify: check a chart archive against its .prov (see src/repo/provenance.ts).
export { verifyChartFile as verifyChart, formatVerification, type Verification } from '../repo/provenance.js';
