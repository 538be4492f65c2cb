import { defineErrors } from '../../../kernel/errors.ts';

export const ContractDocumentErrorCode = defineErrors({
  CONTRACT_DOCUMENT_DELETE_NOT_DRAFT: {
    status: 409,
    'zh-CN': '只有草稿合同的文档可以删除；已提交的合同请上传新版本',
    'en-US': 'Documents can only be deleted while the contract is a draft; upload a new version instead',
  },
  CONTRACT_DOCUMENT_FILE_REQUIRED: {
    status: 400,
    'zh-CN': '请选择要上传的文件',
    'en-US': 'Choose a file to upload',
  },
  CONTRACT_TEMPLATE_INVALID: {
    status: 400,
    'zh-CN': '模板文件无法解析：{problem}',
    'en-US': 'The template cannot be read: {problem}',
  },
  CONTRACT_TEMPLATE_INACTIVE: {
    status: 409,
    'zh-CN': '该模板已停用',
    'en-US': 'This template is not active',
  },
  CONTRACT_TEMPLATE_TYPE_MISMATCH: {
    status: 409,
    'zh-CN': '该模板只适用于{type}合同',
    'en-US': 'This template is for {type} contracts only',
  },
  CONTRACT_TEMPLATE_BUILTIN: {
    status: 409,
    'zh-CN': '内置模板不能上传新版本；请新建模板',
    'en-US': 'The built-in template gets no new versions; create a template instead',
  },
  CONTRACT_TEMPLATE_RENDER_FAILED: {
    status: 422,
    'zh-CN': '按模板生成合同失败：{problem}',
    'en-US': 'The contract could not be generated from the template: {problem}',
  },
  CONTRACT_ARCHIVE_SETTINGS_INVALID: {
    status: 400,
    'zh-CN': '归档设置有误：{problem}',
    'en-US': 'Archive settings are not valid: {problem}',
  },
});
