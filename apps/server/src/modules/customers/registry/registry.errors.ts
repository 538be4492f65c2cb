import { defineErrors } from '../../../kernel/errors.ts';

export const RegistryErrorCode = defineErrors({
  REGISTRY_UNAVAILABLE: {
    status: 503,
    'zh-CN': '工商信息服务（企查查）暂时无法访问，请稍后再试',
    'en-US': 'The business registry (Qichacha) cannot be reached right now; try again later',
  },
  REGISTRY_REFUSED: {
    status: 502,
    'zh-CN': '工商信息服务（企查查）拒绝了查询（状态码 {status}），请联系管理员检查企查查账户',
    'en-US': 'The business registry (Qichacha) refused the query (status {status}); ask an administrator to check the Qichacha account',
  },
  REGISTRY_BUSY: {
    status: 429,
    'zh-CN': '工商信息查询过于频繁，请约 {seconds} 秒后再试，或直接手工填写',
    'en-US': 'Too many registry lookups right now; try again in about {seconds} s, or fill in the fields by hand',
  },
  REGISTRY_COMPANY_NOT_FOUND: {
    status: 404,
    'zh-CN': '工商信息中没有找到该企业',
    'en-US': 'The business registry has no such company',
  },
  REGISTRY_NO_CREDIT_CODE: {
    status: 409,
    'zh-CN': '该客户没有统一社会信用代码，无法从工商信息更新',
    'en-US': 'This customer has no unified social credit code, so it cannot be refreshed from the registry',
  },
});
