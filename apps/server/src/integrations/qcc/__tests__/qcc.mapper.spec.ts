import { describe, expect, it } from 'vitest';
import { shortCity, shortProvince, registryDate, guessCustomerType, toRegistryCompany, toRegistryMatch } from '../qcc.mapper.ts';
import { ZQccBasicDetails, ZQccSearchItem } from '../qcc.schemas.ts';

/** The documented example answer of GetBasicDetailsByName (values illustrative). */
const EXAMPLE = {
  KeyNo: '4659626b1e5e43f1bcad8c268753216e',
  Name: '北京小桔科技有限公司',
  OperName: '程维',
  Status: '存续（在营、开业、在册）',
  StartDate: '2012-07-10',
  RegistCapi: '1000万元人民币',
  RecCap: '…',
  CreditCode: '9111010859963405XW',
  No: '110108015068911',
  OrgNo: '59963405-X',
  EconKind: '有限责任公司(自然人投资或控股)',
  TermStart: '2012-07-10',
  TermEnd: '2032-07-09',
  TaxpayerType: '一般纳税人',
  BelongOrg: '北京市工商行政管理局海淀分局',
  PersonScope: '…',
  InsuredCount: '114',
  EnglishName: '…',
  Address: '北京市海淀区东北旺西路8号院',
  Scope: '…',
  IsOnStock: '0',
  StockNumber: '',
  StockType: '',
  ImageUrl: '…',
  PhoneNumber: '010-…',
  Email: '…',
  WebSiteUrl: '…',
  EntNature: '0',
  Area: { Province: '北京市', City: '北京市', County: '海淀区' },
  Industry: {
    IndustryCode: 'M',
    Industry: '科学研究和技术服务业',
    SubIndustryCode: '75',
    SubIndustry: '科技推广和应用服务业',
    MiddleCategoryCode: '751',
    MiddleCategory: '技术推广服务',
    SmallCategoryCode: '7519',
    SmallCategory: '其他技术推广服务',
  },
  OriginalName: [],
  RevokeInfo: null,
};

describe('QCC mapper', () => {
  it('maps the documented example to customer fields and a registry snapshot', () => {
    const company = toRegistryCompany(ZQccBasicDetails.parse(EXAMPLE), new Date('2026-11-02T02:00:00Z'));
    expect(company).toEqual({
      fields: {
        name: '北京小桔科技有限公司',
        creditCode: '9111010859963405XW',
        province: '北京',
        city: '北京',
        address: '北京市海淀区东北旺西路8号院',
        industry: '其他技术推广服务',
        type: 'other',
      },
      registry: {
        legalRepresentative: '程维',
        registeredCapital: '1000万元人民币',
        establishedDate: '2012-07-10',
        businessStatus: '存续（在营、开业、在册）',
        registeredAddress: '北京市海淀区东北旺西路8号院',
        syncedAt: '2026-11-02T02:00:00.000Z',
        registeredName: '北京小桔科技有限公司',
      },
      formerNames: [],
    });
  });

  it('keeps former names, guesses grid companies and tolerates missing, "-" and numeric fields', () => {
    const d = ZQccBasicDetails.parse({
      Name: '国网江苏省电力有限公司无锡供电分公司 ',
      OperName: '-',
      Status: '在业',
      StartDate: '1998-02-12 00:00:00',
      RegistCapi: '',
      CreditCode: '-',
      InsuredCount: 3200,
      Area: { Province: '江苏省', City: '无锡市', County: '梁溪区' },
      OriginalName: [{ Name: '江苏省电力公司无锡供电公司', ChangeDate: '2018-03-01' }],
    });
    const company = toRegistryCompany(d, new Date('2026-11-02T02:00:00Z'));
    expect(company.fields).toMatchObject({
      name: '国网江苏省电力有限公司无锡供电分公司',
      creditCode: null,
      province: '江苏',
      city: '无锡',
      type: 'grid',
      industry: null,
    });
    expect(company.registry).toMatchObject({ legalRepresentative: null, registeredCapital: null, establishedDate: '1998-02-12' });
    expect(company.formerNames).toEqual(['江苏省电力公司无锡供电公司']);
  });

  it('shortens provinces and cities the way customer records store them', () => {
    expect(shortProvince('新疆维吾尔自治区')).toBe('新疆');
    expect(shortProvince('广西壮族自治区')).toBe('广西');
    expect(shortProvince('内蒙古自治区')).toBe('内蒙古');
    expect(shortProvince('上海市')).toBe('上海');
    expect(shortProvince('香港特别行政区')).toBe('香港');
    expect(shortCity('南京市', '江苏')).toBe('南京');
    expect(shortCity('延边朝鲜族自治州', '吉林')).toBe('延边朝鲜族自治州');
    expect(shortCity('市辖区', '北京')).toBe('北京');
  });

  it('reads dates and refuses impossible ones', () => {
    expect(registryDate('2012-07-10T00:00:00+08:00')).toBe('2012-07-10');
    expect(registryDate('2012-02-30')).toBeNull();
    expect(registryDate('')).toBeNull();
  });

  it('guesses distributors and industrial buyers from the industry code', () => {
    expect(guessCustomerType('无锡恒通电力器材有限公司', 'F')).toBe('distributor');
    expect(guessCustomerType('江苏新海石化有限公司', 'C')).toBe('industrial');
  });

  it('maps a fuzzy-search item', () => {
    const item = ZQccSearchItem.parse({
      KeyNo: 'x',
      Name: '国网江苏省电力有限公司',
      CreditCode: '91320000ma1000000x',
      StartDate: '1988-12-12',
      OperName: '张强',
      Status: '存续（在营、开业、在册）',
      No: '320106608496872',
      Address: '江苏省南京市鼓楼区上海路308号',
    });
    expect(toRegistryMatch(item)).toEqual({
      name: '国网江苏省电力有限公司',
      creditCode: '91320000MA1000000X',
      legalRepresentative: '张强',
      status: '存续（在营、开业、在册）',
      address: '江苏省南京市鼓楼区上海路308号',
      establishedDate: '1988-12-12',
    });
  });
});
