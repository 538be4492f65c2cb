import { registerMessages } from '../../../kernel/i18n.ts';

/** Notification kinds of registry changes; each is rendered in the reader's language from its params. */
export const RegistryNotice = {
  renamed: 'customer.registry_renamed',
  statusChanged: 'customer.registry_status_changed',
  addressChanged: 'customer.registry_address_changed',
} as const;

registerMessages({
  'zh-CN': {
    'notification.customer.registry_renamed.title': '客户工商名称变更：{customerName}',
    'notification.customer.registry_renamed.body': '工商登记名称由「{before}」变更为「{after}」，请核对客户名称。',
    'notification.customer.registry_status_changed.title': '客户经营状态异常：{customerName}',
    'notification.customer.registry_status_changed.body': '经营状态由「{before}」变更为「{after}」，请关注合同与回款风险。',
    'notification.customer.registry_address_changed.title': '客户注册地址变更：{customerName}',
    'notification.customer.registry_address_changed.body': '注册地址由「{before}」变更为「{after}」。',
  },
  'en-US': {
    'notification.customer.registry_renamed.title': 'Customer renamed in the registry: {customerName}',
    'notification.customer.registry_renamed.body': 'The registered name changed from "{before}" to "{after}"; check the customer name.',
    'notification.customer.registry_status_changed.title': 'Customer business status: {customerName}',
    'notification.customer.registry_status_changed.body':
      'The business status changed from "{before}" to "{after}"; watch contracts and receivables of this customer.',
    'notification.customer.registry_address_changed.title': 'Customer registered address changed: {customerName}',
    'notification.customer.registry_address_changed.body': 'The registered address changed from "{before}" to "{after}".',
  },
});
