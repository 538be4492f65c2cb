export {
  createQccClient,
  QCC_SYSTEM,
  type QccCallContext,
  type QccClient,
  type QccDetails,
  type QccSearchPage,
  type QccSettings,
} from './qcc.client.ts';
export { isQccError, isRetryable, QccError, qccErrorKind, stopsBatch, type QccErrorKind } from './qcc.errors.ts';
export { toRegistryCompany, toRegistryMatch, toRegistrySnapshot } from './qcc.mapper.ts';
export type { TQccBasicDetails, TQccSearchItem } from './qcc.schemas.ts';
