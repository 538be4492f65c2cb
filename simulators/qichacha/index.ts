export { startQccSimulator } from './server.ts';
export type { CompanyChange, InjectedFailure, QccCall, QccSimulator, QccSimulatorOptions } from './server.ts';
export { buildDataset, makeCreditCode } from './dataset.ts';
export type { SimCompany } from './dataset.ts';
