import { createHash } from 'node:crypto';
import { creditCodeCheckChar, organisationCodeCheckChar } from '@crm/protocols';

/** One company of the simulated registry, in the field names and wording of the QCC API. */
export type SimCompany = {
  KeyNo: string;
  Name: string;
  CreditCode: string;
  No: string;
  OrgNo: string;
  OperName: string;
  Status: string;
  StartDate: string;
  RegistCapi: string;
  RecCap: string;
  EconKind: string;
  TermStart: string;
  TermEnd: string;
  TaxpayerType: string;
  BelongOrg: string;
  PersonScope: string;
  InsuredCount: string;
  EnglishName: string;
  Address: string;
  Scope: string;
  IsOnStock: string;
  StockNumber: string;
  StockType: string;
  ImageUrl: string;
  PhoneNumber: string;
  Email: string;
  WebSiteUrl: string;
  EntNature: string;
  Area: { Province: string; City: string; County: string };
  Industry: {
    IndustryCode: string;
    Industry: string;
    SubIndustryCode: string;
    SubIndustry: string;
    MiddleCategoryCode: string;
    MiddleCategory: string;
    SmallCategoryCode: string;
    SmallCategory: string;
  };
  OriginalName: { Name: string; ChangeDate: string }[];
  RevokeInfo: { CancelDate: string; CancelReason: string; RevokeDate: string; RevokeReason: string } | null;
};

type IndustryKey =
  | 'grid'
  | 'chemical'
  | 'steel'
  | 'cement'
  | 'materials'
  | 'energy'
  | 'electrical'
  | 'wholesale'
  | 'design'
  | 'data'
  | 'logistics'
  | 'machinery'
  | 'textile'
  | 'paper'
  | 'storage';

const INDUSTRIES: Record<IndustryKey, SimCompany['Industry']> = {
  grid: industry('D', '电力、热力、燃气及水生产和供应业', '44', '电力、热力生产和供应业', '442', '电力供应', '4420', '电力供应'),
  energy: industry(
    'D',
    '电力、热力、燃气及水生产和供应业',
    '44',
    '电力、热力生产和供应业',
    '443',
    '热力生产和供应',
    '4430',
    '热力生产和供应',
  ),
  chemical: industry('C', '制造业', '26', '化学原料和化学制品制造业', '261', '基础化学原料制造', '2614', '有机化学原料制造'),
  steel: industry('C', '制造业', '31', '黑色金属冶炼和压延加工业', '312', '炼钢', '3120', '炼钢'),
  cement: industry('C', '制造业', '30', '非金属矿物制品业', '301', '水泥、石灰和石膏制造', '3011', '水泥制造'),
  materials: industry('C', '制造业', '26', '化学原料和化学制品制造业', '265', '合成材料制造', '2659', '其他合成材料制造'),
  electrical: industry('C', '制造业', '38', '电气机械和器材制造业', '382', '输配电及控制设备制造', '3821', '变压器、整流器和电感器制造'),
  machinery: industry('C', '制造业', '34', '通用设备制造业', '344', '泵、阀门、压缩机及类似机械制造', '3441', '泵及真空设备制造'),
  textile: industry('C', '制造业', '17', '纺织业', '175', '化纤织造及印染精加工', '1752', '化纤织物染整精加工'),
  paper: industry('C', '制造业', '22', '造纸和纸制品业', '222', '造纸', '2221', '机制纸及纸板制造'),
  storage: industry('C', '制造业', '38', '电气机械和器材制造业', '384', '电池制造', '3841', '锂离子电池制造'),
  wholesale: industry('F', '批发和零售业', '51', '批发业', '517', '机械设备、五金产品及电子产品批发', '5176', '电气设备批发'),
  design: industry('M', '科学研究和技术服务业', '74', '专业技术服务业', '748', '工程技术与设计服务', '7484', '工程设计活动'),
  data: industry(
    'I',
    '信息传输、软件和信息技术服务业',
    '65',
    '软件和信息技术服务业',
    '655',
    '信息技术咨询服务',
    '6550',
    '信息处理和存储支持服务',
  ),
  logistics: industry('G', '交通运输、仓储和邮政业', '59', '装卸搬运和仓储业', '595', '冷链仓储', '5960', '冷链物流'),
};

function industry(...v: [string, string, string, string, string, string, string, string]): SimCompany['Industry'] {
  return {
    IndustryCode: v[0],
    Industry: v[1],
    SubIndustryCode: v[2],
    SubIndustry: v[3],
    MiddleCategoryCode: v[4],
    MiddleCategory: v[5],
    SmallCategoryCode: v[6],
    SmallCategory: v[7],
  };
}

const SCOPES: Record<IndustryKey, string> = {
  grid: '电力供应；电力输送；电力设施承装、承修、承试；供电营业；电力购销；电力工程设计、施工；电能计量装置检定、校准。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
  energy: '热力生产和供应；合同能源管理；节能管理服务；新能源技术推广服务；储能技术服务；充电桩销售。',
  chemical: '化工产品生产（不含许可类化工产品）；化工产品销售；危险化学品经营；货物进出口。',
  steel: '钢、铁冶炼；钢压延加工；金属材料销售；固体废物治理；货物进出口。',
  cement: '水泥制品制造；水泥生产；建筑材料销售；非金属矿物制品制造。',
  materials: '新材料技术研发；合成材料制造（不含危险化学品）；工程塑料及合成树脂销售。',
  electrical: '输配电及控制设备制造；智能输配电及控制设备销售；电力电子元器件制造；电工仪器仪表制造。',
  machinery: '通用设备制造；泵及真空设备制造；机械设备研发；机械设备销售。',
  textile: '化纤织造加工；面料印染加工；纺织品销售；热力生产和供应。',
  paper: '纸制品制造；纸浆制造；纸制品销售；热力生产和供应。',
  storage: '电池制造；储能技术服务；新能源汽车换电设施销售；电池零配件生产。',
  wholesale: '电气设备销售；电力电子元器件销售；电工仪器仪表销售；五金产品批发；电线、电缆经营；智能仪器仪表销售。',
  design: '工程设计；电力工程设计；工程咨询；工程管理服务；工程技术服务（规划管理、勘察、设计、监理除外）。',
  data: '数据处理和存储支持服务；信息技术咨询服务；互联网数据服务；计算机系统服务。',
  logistics: '港口货物装卸搬运活动；低温仓储；普通货物仓储服务；国内货物运输代理。',
};

type Place = { province: string; city: string; county: string; code: string; road: string };

/** Administrative division codes (GB/T 2260) of the places the dataset uses. */
const P: Record<string, Place> = {
  南京: { province: '江苏省', city: '南京市', county: '鼓楼区', code: '320106', road: '上海路' },
  苏州: { province: '江苏省', city: '苏州市', county: '姑苏区', code: '320508', road: '三香路' },
  苏州园区: { province: '江苏省', city: '苏州市', county: '苏州工业园区', code: '320571', road: '星湖街' },
  无锡: { province: '江苏省', city: '无锡市', county: '梁溪区', code: '320213', road: '解放西路' },
  常州: { province: '江苏省', city: '常州市', county: '天宁区', code: '320402', road: '延陵西路' },
  南通: { province: '江苏省', city: '南通市', county: '崇川区', code: '320613', road: '青年中路' },
  徐州: { province: '江苏省', city: '徐州市', county: '云龙区', code: '320303', road: '解放南路' },
  扬州: { province: '江苏省', city: '扬州市', county: '邗江区', code: '321003', road: '文昌西路' },
  镇江: { province: '江苏省', city: '镇江市', county: '京口区', code: '321102', road: '中山东路' },
  连云港: { province: '江苏省', city: '连云港市', county: '海州区', code: '320706', road: '通灌北路' },
  杭州: { province: '浙江省', city: '杭州市', county: '上城区', code: '330102', road: '解放东路' },
  宁波: { province: '浙江省', city: '宁波市', county: '海曙区', code: '330203', road: '丽园北路' },
  温州: { province: '浙江省', city: '温州市', county: '鹿城区', code: '330302', road: '车站大道' },
  嘉兴: { province: '浙江省', city: '嘉兴市', county: '南湖区', code: '330402', road: '中山东路' },
  湖州: { province: '浙江省', city: '湖州市', county: '吴兴区', code: '330502', road: '凤凰路' },
  绍兴: { province: '浙江省', city: '绍兴市', county: '柯桥区', code: '330603', road: '笛扬路' },
  金华: { province: '浙江省', city: '金华市', county: '婺城区', code: '330702', road: '双龙南街' },
  上海: { province: '上海市', city: '上海市', county: '浦东新区', code: '310115', road: '源深路' },
  北京: { province: '北京市', city: '北京市', county: '西城区', code: '110102', road: '前门西大街' },
  北京海淀: { province: '北京市', city: '北京市', county: '海淀区', code: '110108', road: '中关村南大街' },
  天津: { province: '天津市', city: '天津市', county: '河北区', code: '120105', road: '五经路' },
  石家庄: { province: '河北省', city: '石家庄市', county: '裕华区', code: '130108', road: '体育南大街' },
  唐山: { province: '河北省', city: '唐山市', county: '路北区', code: '130203', road: '建设北路' },
  保定: { province: '河北省', city: '保定市', county: '竞秀区', code: '130602', road: '朝阳北大街' },
  太原: { province: '山西省', city: '太原市', county: '小店区', code: '140105', road: '亲贤北街' },
  呼和浩特: { province: '内蒙古自治区', city: '呼和浩特市', county: '赛罕区', code: '150105', road: '锡林南路' },
  沈阳: { province: '辽宁省', city: '沈阳市', county: '和平区', code: '210102', road: '宁波路' },
  长春: { province: '吉林省', city: '长春市', county: '南关区', code: '220102', road: '人民大街' },
  哈尔滨: { province: '黑龙江省', city: '哈尔滨市', county: '南岗区', code: '230103', road: '红军街' },
  合肥: { province: '安徽省', city: '合肥市', county: '蜀山区', code: '340104', road: '黄山路' },
  芜湖: { province: '安徽省', city: '芜湖市', county: '镜湖区', code: '340202', road: '北京中路' },
  福州: { province: '福建省', city: '福州市', county: '鼓楼区', code: '350102', road: '五四路' },
  厦门: { province: '福建省', city: '厦门市', county: '思明区', code: '350203', road: '湖滨南路' },
  宁德: { province: '福建省', city: '宁德市', county: '蕉城区', code: '350902', road: '天湖东路' },
  南昌: { province: '江西省', city: '南昌市', county: '红谷滩区', code: '360113', road: '丰和中大道' },
  济南: { province: '山东省', city: '济南市', county: '市中区', code: '370103', road: '经二路' },
  青岛: { province: '山东省', city: '青岛市', county: '市南区', code: '370202', road: '福州南路' },
  烟台: { province: '山东省', city: '烟台市', county: '芝罘区', code: '370602', road: '南大街' },
  潍坊: { province: '山东省', city: '潍坊市', county: '奎文区', code: '370705', road: '胜利东街' },
  郑州: { province: '河南省', city: '郑州市', county: '金水区', code: '410105', road: '金水路' },
  洛阳: { province: '河南省', city: '洛阳市', county: '洛龙区', code: '410311', road: '开元大道' },
  安阳: { province: '河南省', city: '安阳市', county: '文峰区', code: '410502', road: '文峰大道' },
  武汉: { province: '湖北省', city: '武汉市', county: '江汉区', code: '420103', road: '建设大道' },
  宜昌: { province: '湖北省', city: '宜昌市', county: '西陵区', code: '420502', road: '沿江大道' },
  荆州: { province: '湖北省', city: '荆州市', county: '沙市区', code: '421002', road: '北京中路' },
  长沙: { province: '湖南省', city: '长沙市', county: '天心区', code: '430103', road: '新韶东路' },
  广州: { province: '广东省', city: '广州市', county: '越秀区', code: '440104', road: '东风东路' },
  深圳: { province: '广东省', city: '深圳市', county: '福田区', code: '440304', road: '深南中路' },
  深圳前海: { province: '广东省', city: '深圳市', county: '南山区', code: '440305', road: '前湾一路' },
  佛山: { province: '广东省', city: '佛山市', county: '禅城区', code: '440604', road: '汾江南路' },
  东莞: { province: '广东省', city: '东莞市', county: '松山湖', code: '441900', road: '工业北路' },
  南宁: { province: '广西壮族自治区', city: '南宁市', county: '青秀区', code: '450103', road: '民族大道' },
  海口: { province: '海南省', city: '海口市', county: '龙华区', code: '460106', road: '海府路' },
  重庆: { province: '重庆市', city: '重庆市', county: '渝中区', code: '500103', road: '中山三路' },
  成都: { province: '四川省', city: '成都市', county: '锦江区', code: '510104', road: '蜀都大道' },
  绵阳: { province: '四川省', city: '绵阳市', county: '涪城区', code: '510703', road: '临园路' },
  贵阳: { province: '贵州省', city: '贵阳市', county: '南明区', code: '520102', road: '滨河路' },
  昆明: { province: '云南省', city: '昆明市', county: '五华区', code: '530102', road: '拓东路' },
  拉萨: { province: '西藏自治区', city: '拉萨市', county: '城关区', code: '540102', road: '北京中路' },
  西安: { province: '陕西省', city: '西安市', county: '雁塔区', code: '610113', road: '长安南路' },
  兰州: { province: '甘肃省', city: '兰州市', county: '城关区', code: '620102', road: '北滨河东路' },
  西宁: { province: '青海省', city: '西宁市', county: '城中区', code: '630103', road: '胜利路' },
  银川: { province: '宁夏回族自治区', city: '银川市', county: '金凤区', code: '640106', road: '黄河东路' },
  乌鲁木齐: { province: '新疆维吾尔自治区', city: '乌鲁木齐市', county: '天山区', code: '650102', road: '建设路' },
};

type Spec = {
  name: string;
  place: keyof typeof P;
  kind: IndustryKey;
  /** The credit code, when it must be a given one (the CRM's demo customers). */
  code?: string;
  oper?: string;
  capital?: string;
  start?: string;
  status?: string;
  econ?: string;
  /** Earlier names, oldest first, each with the date it stopped being used. */
  formerly?: [name: string, changeDate: string][];
  english?: string;
  /** A branch (分公司 / 供电局): no registered capital, a person in charge instead of a legal representative. */
  branch?: boolean;
};

const ALIVE = '存续（在营、开业、在册）';
const SOE = '有限责任公司(非自然人投资或控股的法人独资)';
const BRANCH = '有限责任公司分公司(非自然人投资或控股的法人独资)';
const LLC = '有限责任公司(自然人投资或控股)';
const JOINT = '股份有限公司(非上市、自然人投资或控股)';

/** The CRM's demo customers (customers.seed.ts): same names and credit codes. */
const DEMO: Spec[] = [
  {
    name: '国网江苏省电力有限公司',
    place: '南京',
    kind: 'grid',
    code: '91320000MA1000000X',
    oper: '张强',
    capital: '5870000万元人民币',
    start: '1988-12-12',
    econ: SOE,
    english: 'State Grid Jiangsu Electric Power Co., Ltd.',
    formerly: [['江苏省电力公司', '2017-12-28']],
  },
  {
    name: '国网江苏省电力有限公司南京供电分公司',
    place: '南京',
    kind: 'grid',
    code: '91320037MA1007919X',
    oper: '刘卫东',
    start: '1998-06-18',
    econ: BRANCH,
    branch: true,
    formerly: [['江苏省电力公司南京供电公司', '2018-03-01']],
  },
  {
    name: '国网江苏省电力有限公司苏州供电分公司',
    place: '苏州',
    kind: 'grid',
    code: '91320074MA1015838X',
    oper: '周建军',
    start: '1998-09-01',
    econ: BRANCH,
    branch: true,
  },
  {
    name: '国网浙江省电力有限公司',
    place: '杭州',
    kind: 'grid',
    code: '91320111MA1023757X',
    oper: '王卫平',
    capital: '4450000万元人民币',
    start: '1991-07-31',
    econ: SOE,
    english: 'State Grid Zhejiang Electric Power Co., Ltd.',
    formerly: [['国网浙江省电力公司', '2017-11-20']],
  },
  {
    name: '国网浙江省电力有限公司宁波供电公司',
    place: '宁波',
    kind: 'grid',
    code: '91320148MA1031676X',
    oper: '陈国强',
    start: '1999-03-26',
    econ: BRANCH,
    branch: true,
  },
  {
    name: '国网上海市电力公司',
    place: '上海',
    kind: 'grid',
    code: '91320185MA1039595X',
    oper: '阮前途',
    capital: '3320000万元人民币',
    start: '1998-12-30',
    econ: '全民所有制',
  },
  {
    name: '国网北京市电力公司',
    place: '北京',
    kind: 'grid',
    code: '91320222MA1047514X',
    oper: '刘润生',
    capital: '3500000万元人民币',
    start: '1998-12-30',
    econ: '全民所有制',
  },
  {
    name: '国网河北省电力有限公司',
    place: '石家庄',
    kind: 'grid',
    code: '91320259MA1055433X',
    oper: '赵铁军',
    capital: '2600000万元人民币',
    start: '1999-01-08',
    econ: SOE,
  },
  {
    name: '国网天津市电力公司',
    place: '天津',
    kind: 'grid',
    code: '91320296MA1063352X',
    oper: '郭晓明',
    capital: '1800000万元人民币',
    start: '1998-06-25',
    econ: '全民所有制',
  },
  {
    name: '国网山西省电力公司太原供电公司',
    place: '太原',
    kind: 'grid',
    code: '91320333MA1071271X',
    oper: '李宏伟',
    start: '2000-04-11',
    econ: '全民所有制分支机构(非法人)',
    branch: true,
  },
  {
    name: '广东电网有限责任公司',
    place: '广州',
    kind: 'grid',
    code: '91320370MA1079190X',
    oper: '孟振平',
    capital: '6580000万元人民币',
    start: '2002-12-26',
    econ: SOE,
    english: 'Guangdong Power Grid Co., Ltd.',
  },
  {
    name: '广东电网有限责任公司深圳供电局',
    place: '深圳',
    kind: 'grid',
    code: '91320407MA1087109X',
    oper: '黄志刚',
    start: '2003-04-02',
    econ: BRANCH,
    branch: true,
  },
  {
    name: '江苏恒远化工集团有限公司',
    place: '南通',
    kind: 'chemical',
    code: '91320444MA1095028X',
    oper: '陆恒远',
    capital: '36000万元人民币',
    start: '2003-05-16',
    econ: LLC,
  },
  {
    name: '浙江华泰钢铁股份有限公司',
    place: '湖州',
    kind: 'steel',
    code: '91320481MA1102947X',
    oper: '沈华泰',
    capital: '120000万元人民币',
    start: '2001-08-08',
    econ: JOINT,
  },
  {
    name: '河北冀北水泥有限公司',
    place: '唐山',
    kind: 'cement',
    code: '91320518MA1110866X',
    oper: '马国良',
    capital: '15000万元人民币',
    start: '2006-10-20',
    econ: LLC,
  },
  {
    name: '山东鲁能新材料科技有限公司',
    place: '济南',
    kind: 'materials',
    code: '91320555MA1118785X',
    oper: '杜立新',
    capital: '8000万元人民币',
    start: '2016-03-09',
    econ: LLC,
  },
  {
    name: '苏州工业园区智慧能源服务有限公司',
    place: '苏州园区',
    kind: 'energy',
    code: '91320592MA1126704X',
    oper: '韩志远',
    capital: '20000万元人民币',
    start: '2017-06-30',
    econ: SOE,
  },
  {
    name: '南京华能电气设备有限公司',
    place: '南京',
    kind: 'wholesale',
    code: '91320629MA1134623X',
    oper: '顾晓明',
    capital: '1000万元人民币',
    start: '2009-11-03',
    econ: LLC,
    formerly: [['南京华能电器有限公司', '2015-04-21']],
  },
  {
    name: '杭州之江电力器材有限公司',
    place: '杭州',
    kind: 'wholesale',
    code: '91320666MA1142542X',
    oper: '许国华',
    capital: '500万元人民币',
    start: '2011-02-14',
    econ: LLC,
  },
  {
    name: '北京中电联合科技发展有限公司',
    place: '北京海淀',
    kind: 'wholesale',
    code: '91320703MA1150461X',
    oper: '何斌',
    capital: '2000万元人民币',
    start: '2008-07-22',
    econ: LLC,
  },
  {
    name: '天津津电恒通贸易有限公司',
    place: '天津',
    kind: 'wholesale',
    code: '91320740MA1158380X',
    oper: '曹阳',
    capital: '300万元人民币',
    start: '2014-09-17',
    econ: LLC,
    status: '在业',
  },
  {
    name: '中国能建江苏省电力设计院有限公司',
    place: '南京',
    kind: 'design',
    code: '91320888MA1190056X',
    oper: '彭涛',
    capital: '50000万元人民币',
    start: '1992-08-10',
    econ: SOE,
    formerly: [['中国能源建设集团江苏省电力设计院有限公司', '2019-06-12']],
  },
];

/** State Grid provincial companies beyond the demo customers. */
const PROVINCIAL: Spec[] = [
  ['国网安徽省电力有限公司', '合肥'],
  ['国网福建省电力有限公司', '福州'],
  ['国网江西省电力有限公司', '南昌'],
  ['国网山东省电力公司', '济南'],
  ['国网河南省电力公司', '郑州'],
  ['国网湖北省电力有限公司', '武汉'],
  ['国网湖南省电力有限公司', '长沙'],
  ['国网四川省电力公司', '成都'],
  ['国网重庆市电力公司', '重庆'],
  ['国网陕西省电力有限公司', '西安'],
  ['国网甘肃省电力公司', '兰州'],
  ['国网青海省电力公司', '西宁'],
  ['国网宁夏电力有限公司', '银川'],
  ['国网新疆电力有限公司', '乌鲁木齐'],
  ['国网辽宁省电力有限公司', '沈阳'],
  ['国网吉林省电力有限公司', '长春'],
  ['国网黑龙江省电力有限公司', '哈尔滨'],
  ['国网内蒙古东部电力有限公司', '呼和浩特'],
  ['国网西藏电力有限公司', '拉萨'],
  ['国网山西省电力公司', '太原'],
].map(([name, place]) => ({
  name: name!,
  place: place as keyof typeof P,
  kind: 'grid' as const,
  econ: name!.endsWith('电力公司') ? '全民所有制' : SOE,
}));

/** City supply companies (供电公司) of State Grid. */
const CITY: Spec[] = [
  ['江苏', '无锡'],
  ['江苏', '常州'],
  ['江苏', '南通'],
  ['江苏', '徐州'],
  ['江苏', '扬州'],
  ['江苏', '镇江'],
  ['浙江', '杭州'],
  ['浙江', '温州'],
  ['浙江', '嘉兴'],
  ['浙江', '湖州'],
  ['浙江', '绍兴'],
  ['浙江', '金华'],
  ['山东', '济南'],
  ['山东', '青岛'],
  ['山东', '烟台'],
  ['山东', '潍坊'],
  ['河南', '郑州'],
  ['河南', '洛阳'],
  ['湖北', '武汉'],
  ['湖北', '宜昌'],
  ['河北', '石家庄'],
  ['河北', '唐山'],
  ['河北', '保定'],
  ['安徽', '合肥'],
  ['安徽', '芜湖'],
  ['福建', '福州'],
  ['福建', '厦门'],
  ['四川', '成都'],
  ['四川', '绵阳'],
].map(([province, city]) => {
  const parent = ['山东', '河南', '四川'].includes(province!) ? `国网${province}省电力公司` : `国网${province}省电力有限公司`;
  return { name: `${parent}${city}供电公司`, place: city as keyof typeof P, kind: 'grid' as const, econ: BRANCH, branch: true };
});

/** China Southern Power Grid companies and supply bureaus (供电局). */
const SOUTHERN: Spec[] = [
  { name: '广西电网有限责任公司', place: '南宁', kind: 'grid', econ: SOE },
  { name: '云南电网有限责任公司', place: '昆明', kind: 'grid', econ: SOE },
  { name: '贵州电网有限责任公司', place: '贵阳', kind: 'grid', econ: SOE },
  { name: '海南电网有限责任公司', place: '海口', kind: 'grid', econ: SOE },
  { name: '广东电网有限责任公司广州供电局', place: '广州', kind: 'grid', econ: BRANCH, branch: true },
  { name: '广东电网有限责任公司佛山供电局', place: '佛山', kind: 'grid', econ: BRANCH, branch: true },
  { name: '广东电网有限责任公司东莞供电局', place: '东莞', kind: 'grid', econ: BRANCH, branch: true },
];

/** Industrial and energy buyers of meters, terminals and distribution products. */
const INDUSTRY: Spec[] = [
  { name: '江苏新海石化有限公司', place: '连云港', kind: 'chemical' },
  { name: '南京钢联特钢有限公司', place: '南京', kind: 'steel' },
  { name: '常州晶辉光伏科技有限公司', place: '常州', kind: 'electrical' },
  { name: '无锡华澄纺织集团有限公司', place: '无锡', kind: 'textile' },
  { name: '宁波北仑港口装卸有限公司', place: '宁波', kind: 'logistics' },
  { name: '浙江嘉兴滨海热电有限公司', place: '嘉兴', kind: 'energy' },
  { name: '杭州钱塘新区综合能源有限公司', place: '杭州', kind: 'energy' },
  { name: '潍坊海源重工机械有限公司', place: '潍坊', kind: 'machinery' },
  { name: '青岛港湾冷链物流有限公司', place: '青岛', kind: 'logistics' },
  { name: '河南豫北铝业有限公司', place: '安阳', kind: 'steel', status: '停业' },
  { name: '湖北荆楚造纸有限公司', place: '荆州', kind: 'paper' },
  { name: '四川川西水泥股份有限公司', place: '成都', kind: 'cement', econ: JOINT },
  { name: '安徽皖江铜材有限公司', place: '芜湖', kind: 'steel' },
  { name: '福建闽东电机股份有限公司', place: '宁德', kind: 'electrical', econ: JOINT },
  { name: '厦门海沧数据中心有限公司', place: '厦门', kind: 'data' },
  { name: '合肥高新区智慧园区运营有限公司', place: '合肥', kind: 'energy' },
  { name: '唐山曹妃甸钢铁物流有限公司', place: '唐山', kind: 'logistics' },
  { name: '保定风电叶片制造有限公司', place: '保定', kind: 'materials' },
  { name: '郑州航空港区综合能源服务有限公司', place: '郑州', kind: 'energy' },
  { name: '成都天府新区能源投资有限公司', place: '成都', kind: 'energy' },
  { name: '武汉光谷数据中心运营有限公司', place: '武汉', kind: 'data' },
  { name: '南通滨江船舶重工有限公司', place: '南通', kind: 'machinery', status: '吊销，未注销' },
  { name: '扬州润扬化纤有限公司', place: '扬州', kind: 'textile' },
  { name: '绍兴柯桥印染集团有限公司', place: '绍兴', kind: 'textile', formerly: [['绍兴县柯桥印染有限公司', '2013-10-18']] },
  { name: '烟台蓬莱化工新材料有限公司', place: '烟台', kind: 'chemical' },
  { name: '深圳前海充电网络科技有限公司', place: '深圳前海', kind: 'energy' },
  { name: '东莞松山湖储能科技有限公司', place: '东莞', kind: 'storage' },
  { name: '江苏苏源智慧能源有限公司', place: '南京', kind: 'energy' },
];

/** Distributors and installers of electrical equipment. */
const DISTRIBUTORS: Spec[] = [
  { name: '无锡恒通电力器材有限公司', place: '无锡', kind: 'wholesale' },
  { name: '常州华立电气成套有限公司', place: '常州', kind: 'electrical' },
  { name: '苏州吴中电工器材有限公司', place: '苏州', kind: 'wholesale' },
  { name: '徐州淮海电力物资有限公司', place: '徐州', kind: 'wholesale', status: '吊销，未注销' },
  { name: '杭州钱江电力科技有限公司', place: '杭州', kind: 'wholesale' },
  { name: '温州瓯江电器贸易有限公司', place: '温州', kind: 'wholesale', status: '注销' },
  { name: '宁波甬电电力设备有限公司', place: '宁波', kind: 'wholesale' },
  { name: '济南泉城电力器材有限公司', place: '济南', kind: 'wholesale' },
  { name: '青岛海晟电气工程有限公司', place: '青岛', kind: 'electrical' },
  { name: '郑州中原电力物资有限公司', place: '郑州', kind: 'wholesale' },
  { name: '武汉江城电力设备有限公司', place: '武汉', kind: 'wholesale' },
  { name: '长沙湘电物资贸易有限公司', place: '长沙', kind: 'wholesale' },
  { name: '成都蓉电电力工程有限公司', place: '成都', kind: 'electrical' },
  { name: '西安秦电电力设备有限公司', place: '西安', kind: 'wholesale' },
  { name: '合肥庐阳电力器材有限公司', place: '合肥', kind: 'wholesale' },
  { name: '福州闽电物资有限公司', place: '福州', kind: 'wholesale' },
  { name: '南昌赣电电气有限公司', place: '南昌', kind: 'electrical' },
  { name: '石家庄冀电电力器材有限公司', place: '石家庄', kind: 'wholesale' },
  { name: '沈阳北方电力物资有限公司', place: '沈阳', kind: 'wholesale', formerly: [['沈阳北方电力物资供应站', '2004-07-01']] },
  { name: '广州穗能电力科技有限公司', place: '广州', kind: 'wholesale' },
  { name: '南京华能电力工程有限公司', place: '南京', kind: 'electrical' },
];

/** Design institutes and engineering contractors that specify metering equipment. */
const DESIGN: Spec[] = [
  { name: '江苏苏电电力工程设计有限公司', place: '南京', kind: 'design' },
  { name: '浙江浙电工程咨询有限公司', place: '杭州', kind: 'design' },
  { name: '山东鲁电电力设计院有限公司', place: '济南', kind: 'design' },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '志强',
  '海峰',
  '立新',
  '国庆',
  '晓东',
  '文杰',
  '永明',
  '春生',
  '卫东',
  '红霞',
  '丽华',
  '明辉',
  '伟',
  '静',
  '磊',
  '洋',
  '勇',
  '军',
  '杰',
  '涛',
  '斌',
  '超',
  '敏',
  '强',
  '德明',
  '振华',
  '家俊',
  '子豪',
  '雪梅',
];

/** A stable pseudo-random number for a name, so that the dataset is the same on every start. */
function seeded(name: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${name}`).digest().readUInt32BE(0);
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A unified social credit code with a correct GB 32100 check character and GB 11714 organisation code. */
export function makeCreditCode(name: string, divisionCode: string, modern: boolean): string {
  let body = modern ? 'MA' : '';
  for (let i = 0; body.length < 8; i++) {
    const n = seeded(name, `org${i}`);
    body += modern ? CODE_CHARS[n % CODE_CHARS.length] : String(n % 10);
  }
  const org = `${body}${organisationCodeCheckChar(body)}`;
  const first17 = `91${divisionCode}${org}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function isoDate(seed: number, from: number, to: number): string {
  const year = from + (seed % (to - from + 1));
  const month = 1 + ((seed >>> 8) % 12);
  const day = 1 + ((seed >>> 16) % 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function build(spec: Spec): SimCompany {
  const place = P[spec.place]!;
  const h = (salt: string) => seeded(spec.name, salt);
  const isGrid = spec.kind === 'grid';
  const start = spec.start ?? isoDate(h('start'), isGrid ? 1995 : 2003, isGrid ? 2005 : 2021);
  const modern = !spec.code && Number(start.slice(0, 4)) >= 2015;
  const creditCode = spec.code ?? makeCreditCode(spec.name, place.code, modern);
  const orgNo = `${creditCode.slice(8, 16)}-${creditCode[16]}`;
  const oper = spec.oper ?? `${SURNAMES[h('sn') % SURNAMES.length]}${GIVEN[h('gn') % GIVEN.length]}`;
  const capital = spec.branch
    ? ''
    : (spec.capital ??
      (isGrid
        ? `${(h('cap') % 400) * 10000 + 800000}万元人民币`
        : `${[500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 50000][h('cap') % 9]}万元人民币`));
  const status = spec.status ?? (h('status') % 5 === 0 ? '在业' : ALIVE);
  const number = 1 + (h('no') % 399);
  const revoked = status.startsWith('吊销') || status === '注销' || status === '撤销';
  const formerly = spec.formerly ?? [];
  const startYear = Number(start.slice(0, 4));
  return {
    KeyNo: createHash('md5').update(`qcc:${creditCode}`).digest('hex'),
    Name: spec.name,
    CreditCode: creditCode,
    No: `${place.code}${String(h('reg') % 1_000_000_000).padStart(9, '0')}`,
    OrgNo: orgNo,
    OperName: oper,
    Status: status,
    StartDate: start,
    RegistCapi: capital,
    RecCap: capital,
    EconKind: spec.econ ?? LLC,
    TermStart: start,
    TermEnd: isGrid || spec.branch ? '无固定期限' : `${startYear + 30}${start.slice(4)}`,
    TaxpayerType: '增值税一般纳税人',
    BelongOrg: `${place.city}市场监督管理局`,
    PersonScope: isGrid ? '5000人以上' : ['50-99人', '100-499人', '500-999人', '1000-4999人'][h('staff') % 4]!,
    InsuredCount: String(isGrid ? 3000 + (h('ins') % 9000) : 30 + (h('ins') % 1500)),
    EnglishName: spec.english ?? '',
    Address: `${place.province === place.city ? place.province : `${place.province}${place.city}`}${place.county}${place.road}${number}号`,
    Scope: SCOPES[spec.kind],
    IsOnStock: '0',
    StockNumber: '',
    StockType: '',
    ImageUrl: `https://image.qcc.com/logo/${createHash('md5').update(spec.name).digest('hex')}.jpg`,
    PhoneNumber: isGrid ? '95598' : `0${100 + (h('area') % 900)}-${String(h('tel') % 100_000_000).padStart(8, '0')}`,
    Email: '',
    WebSiteUrl: '',
    EntNature: spec.econ === SOE || spec.econ === '全民所有制' ? '1' : '0',
    Area: { Province: place.province, City: place.city, County: place.county },
    Industry: INDUSTRIES[spec.kind],
    OriginalName: formerly.map(([Name, ChangeDate]) => ({ Name, ChangeDate })),
    RevokeInfo: revoked
      ? {
          CancelDate: status === '注销' ? `${Math.min(startYear + 9, 2025)}-06-30` : '',
          CancelReason: status === '注销' ? '决议解散' : '',
          RevokeDate: status.startsWith('吊销') ? `${Math.min(startYear + 8, 2025)}-11-15` : '',
          RevokeReason: status.startsWith('吊销') ? '连续两年未按规定报送年度报告' : '',
        }
      : null,
  };
}

/** The whole dataset, freshly built (a simulator works on its own copy and may change it). */
export function buildDataset(): SimCompany[] {
  return [...DEMO, ...PROVINCIAL, ...CITY, ...SOUTHERN, ...INDUSTRY, ...DISTRIBUTORS, ...DESIGN].map(build);
}
