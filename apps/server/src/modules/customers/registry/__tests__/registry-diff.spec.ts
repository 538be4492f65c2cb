import type { TRegistrySnapshot } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { diffRegistrySnapshots } from '../registry-diff.ts';

const base: TRegistrySnapshot = {
  legalRepresentative: '张强',
  registeredCapital: '5000万元人民币',
  establishedDate: '2009-11-03',
  businessStatus: '存续（在营、开业、在册）',
  registeredAddress: '江苏省南京市鼓楼区上海路308号',
  syncedAt: '2026-10-26T19:00:00.000Z',
  registeredName: '南京华能电气设备有限公司',
};

describe('registry snapshot diff', () => {
  it('reports nothing on the first sync', () => {
    expect(diffRegistrySnapshots(null, base)).toEqual([]);
    expect(diffRegistrySnapshots({ ...base, syncedAt: null }, { ...base, businessStatus: '注销' })).toEqual([]);
  });

  it('alerts on a rename, a move and a status that ends business; records other changes quietly', () => {
    const next = {
      ...base,
      registeredName: '南京华能智能电气有限公司',
      registeredAddress: '江苏省南京市江宁区天元中路1号',
      businessStatus: '吊销，未注销',
      legalRepresentative: '李明',
    };
    expect(diffRegistrySnapshots(base, next)).toEqual([
      { field: 'name', before: '南京华能电气设备有限公司', after: '南京华能智能电气有限公司', isAlert: true },
      { field: 'businessStatus', before: '存续（在营、开业、在册）', after: '吊销，未注销', isAlert: true },
      { field: 'registeredAddress', before: base.registeredAddress, after: '江苏省南京市江宁区天元中路1号', isAlert: true },
      { field: 'legalRepresentative', before: '张强', after: '李明', isAlert: false },
    ]);
  });

  it('does not alert when the status changes to one that keeps business going', () => {
    expect(diffRegistrySnapshots(base, { ...base, businessStatus: '在业' })).toEqual([
      { field: 'businessStatus', before: base.businessStatus, after: '在业', isAlert: false },
    ]);
  });

  it('ignores width, brackets and spaces, fields the registry stopped returning, and names never recorded', () => {
    const { registeredName: _n, ...withoutName } = base;
    expect(
      diffRegistrySnapshots(withoutName, {
        ...base,
        businessStatus: '存续(在营、开业、在册)',
        registeredAddress: '江苏省南京市鼓楼区上海路 308 号',
        registeredCapital: null,
        registeredName: '另一个名字有限公司',
      }),
    ).toEqual([]);
  });
});
