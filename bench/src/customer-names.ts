import type { Rng } from './prng.ts';

/**
 * Company names built the way the customers of a metering manufacturer are named: grid companies
 * and their city power-supply units (国网…供电公司, 南方电网 …供电局), meter and equipment makers,
 * industrial buyers, distributors, a few overseas buyers, and branches of all of them.
 */

export type CustomerKind = 'grid' | 'maker' | 'industrial' | 'distributor' | 'overseas';

/** Provinces (as written in names), their State Grid / China Southern Grid company, and cities. */
const PROVINCES: readonly { name: string; grid: string; cities: readonly string[] }[] = [
  {
    name: '江苏',
    grid: '国网江苏省电力有限公司',
    cities: ['南京', '苏州', '无锡', '常州', '南通', '扬州', '徐州', '盐城', '泰州', '镇江', '淮安', '连云港', '宿迁'],
  },
  {
    name: '浙江',
    grid: '国网浙江省电力有限公司',
    cities: ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '衢州', '丽水', '舟山'],
  },
  {
    name: '山东',
    grid: '国网山东省电力公司',
    cities: ['济南', '青岛', '烟台', '潍坊', '临沂', '淄博', '济宁', '泰安', '威海', '德州', '聊城', '滨州', '菏泽', '枣庄', '日照'],
  },
  {
    name: '河南',
    grid: '国网河南省电力公司',
    cities: ['郑州', '洛阳', '开封', '新乡', '南阳', '许昌', '平顶山', '安阳', '焦作', '商丘', '信阳', '周口', '驻马店'],
  },
  { name: '河北', grid: '国网河北省电力有限公司', cities: ['石家庄', '保定', '邯郸', '邢台', '衡水', '沧州'] },
  {
    name: '湖北',
    grid: '国网湖北省电力有限公司',
    cities: ['武汉', '宜昌', '襄阳', '荆州', '黄石', '十堰', '孝感', '黄冈', '荆门', '咸宁'],
  },
  {
    name: '湖南',
    grid: '国网湖南省电力有限公司',
    cities: ['长沙', '株洲', '湘潭', '衡阳', '岳阳', '常德', '郴州', '邵阳', '益阳', '娄底'],
  },
  {
    name: '安徽',
    grid: '国网安徽省电力有限公司',
    cities: ['合肥', '芜湖', '蚌埠', '淮南', '马鞍山', '安庆', '阜阳', '六安', '滁州', '宣城'],
  },
  { name: '江西', grid: '国网江西省电力有限公司', cities: ['南昌', '九江', '赣州', '上饶', '宜春', '吉安', '抚州', '景德镇'] },
  { name: '福建', grid: '国网福建省电力有限公司', cities: ['福州', '厦门', '泉州', '漳州', '莆田', '三明', '龙岩', '宁德', '南平'] },
  { name: '四川', grid: '国网四川省电力公司', cities: ['成都', '绵阳', '德阳', '宜宾', '泸州', '南充', '乐山', '达州', '自贡', '攀枝花'] },
  { name: '陕西', grid: '国网陕西省电力有限公司', cities: ['西安', '宝鸡', '咸阳', '渭南', '汉中', '榆林', '延安'] },
  { name: '山西', grid: '国网山西省电力公司', cities: ['太原', '大同', '长治', '晋城', '临汾', '运城', '晋中'] },
  { name: '辽宁', grid: '国网辽宁省电力有限公司', cities: ['沈阳', '大连', '鞍山', '抚顺', '锦州', '营口', '丹东'] },
  { name: '吉林', grid: '国网吉林省电力有限公司', cities: ['长春', '吉林', '四平', '延边', '白城'] },
  { name: '黑龙江', grid: '国网黑龙江省电力有限公司', cities: ['哈尔滨', '齐齐哈尔', '大庆', '牡丹江', '佳木斯'] },
  { name: '甘肃', grid: '国网甘肃省电力公司', cities: ['兰州', '天水', '酒泉', '白银', '武威'] },
  { name: '新疆', grid: '国网新疆电力有限公司', cities: ['乌鲁木齐', '昌吉', '伊犁', '哈密', '克拉玛依'] },
  { name: '北京', grid: '国网北京市电力公司', cities: ['海淀', '朝阳', '丰台', '昌平', '大兴', '顺义', '通州'] },
  { name: '上海', grid: '国网上海市电力公司', cities: ['浦东', '市南', '市北', '松江', '嘉定', '青浦', '奉贤'] },
  { name: '天津', grid: '国网天津市电力公司', cities: ['滨海', '城东', '城西', '城南', '宝坻', '武清'] },
  { name: '重庆', grid: '国网重庆市电力公司', cities: ['市区', '江北', '永川', '万州', '涪陵', '綦南'] },
  {
    name: '广东',
    grid: '广东电网有限责任公司',
    cities: ['广州', '深圳', '佛山', '东莞', '中山', '珠海', '惠州', '江门', '汕头', '湛江', '茂名', '肇庆', '清远'],
  },
  { name: '广西', grid: '广西电网有限责任公司', cities: ['南宁', '柳州', '桂林', '梧州', '玉林', '百色', '钦州'] },
  { name: '云南', grid: '云南电网有限责任公司', cities: ['昆明', '曲靖', '玉溪', '大理', '红河', '昭通'] },
  { name: '贵州', grid: '贵州电网有限责任公司', cities: ['贵阳', '遵义', '六盘水', '安顺', '毕节', '铜仁'] },
];

/** Characters of trade names (字号), the part that tells companies apart. */
const TRADE = [
  ...'华鹏瑞恒达威胜科星海新远宏中正泰通德信安博天金光明亿隆盛源兴昌利嘉和永聚力锦宇航创智汇腾万同方凯迪森林奥特普联丰富晶鑫立荣佳祥泽润康晨辉煌诚铭航电能峰越振华翔龙昊弘伟嘉禾宝顺启明英睿捷讯众合赛洋皓云霖鼎盈宁',
];
const MAKER_WORDS = [
  '电气',
  '电力设备',
  '仪表',
  '电子',
  '智能科技',
  '能源科技',
  '电力科技',
  '自动化',
  '配电设备',
  '电能表',
  '计量技术',
  '电缆',
  '开关',
  '变压器',
  '物联网科技',
  '电器',
  '互感器',
  '成套设备',
  '电力工程',
  '新能源科技',
];
const INDUSTRIAL_WORDS = [
  '钢铁',
  '化工',
  '水泥',
  '纸业',
  '汽车零部件',
  '制药',
  '纺织',
  '机械制造',
  '新材料',
  '光伏科技',
  '铝业',
  '石化',
  '食品',
  '电子材料',
  '港务',
  '热电',
  '煤业',
  '玻璃',
  '轮胎',
  '物流',
];
const DISTRIBUTOR_WORDS = ['电气设备', '机电', '电力器材', '五金机电', '仪器仪表', '电工器材', '能源设备'];
const LEGAL = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const DISTRIBUTOR_FORMS = ['销售有限公司', '贸易有限公司', '商贸有限公司', '经营部', '设备有限公司'];
const INDUSTRIES: Record<CustomerKind, readonly string[]> = {
  grid: ['电网'],
  maker: ['电力设备', '仪器仪表', '电气机械'],
  industrial: ['钢铁', '化工', '建材', '汽车', '医药', '轻工', '有色金属', '能源'],
  distributor: ['批发零售'],
  overseas: ['电力', '能源'],
};
const LATIN = [
  'Meridian',
  'Sahara',
  'Nusantara',
  'Andes',
  'Baltic',
  'Zambezi',
  'Volta',
  'Aurora',
  'Delta',
  'Horizon',
  'Pioneer',
  'Atlas',
  'Sierra',
  'Orion',
  'Kalahari',
  'Mekong',
  'Danube',
  'Lumen',
  'Vertex',
  'Helios',
];
const OVERSEAS_FORMS = [
  (x: string) => `PT ${x} Energi Indonesia`,
  (x: string) => `${x} Power Solutions Ltd`,
  (x: string) => `${x} Electric Co., Ltd.`,
  (x: string) => `${x} Utilities (Pvt) Ltd`,
  (x: string) => `${x} Energy Trading LLC`,
  (x: string) => `${x} Metering S.A.`,
];
const COUNTRIES = ['印度尼西亚', '巴基斯坦', '沙特阿拉伯', '埃及', '巴西', '哈萨克斯坦', '孟加拉国', '尼日利亚', '越南', '泰国'];

export type GeneratedCustomer = {
  name: string;
  shortName: string | null;
  kind: CustomerKind;
  type: 'grid' | 'industrial' | 'distributor' | 'overseas' | 'other';
  industry: string;
  country: string;
  province: string | null;
  city: string | null;
  /** The trade name (or city of a grid unit): a realistic fragment someone types into a search box. */
  fragment: string;
};

function tradeName(rng: Rng): string {
  const n = rng.next() < 0.85 ? 2 : 3;
  let out = '';
  for (let i = 0; i < n; i++) out += rng.pick(TRADE);
  return out;
}

/** Every grid unit once: provincial companies and their city power-supply units. */
export function gridCustomers(): GeneratedCustomer[] {
  const out: GeneratedCustomer[] = [];
  for (const p of PROVINCES) {
    const southern = p.grid.includes('电网有限责任公司');
    out.push({
      name: p.grid,
      shortName: southern ? `${p.name}电网` : `国网${p.name}电力`,
      kind: 'grid',
      type: 'grid',
      industry: '电网',
      country: '中国',
      province: p.name,
      city: null,
      fragment: p.name,
    });
    for (const city of p.cities) {
      out.push({
        name: southern ? `${p.grid}${city}供电局` : `${p.grid}${city}供电分公司`,
        shortName: southern ? `${city}供电局` : `国网${city}供电公司`,
        kind: 'grid',
        type: 'grid',
        industry: '电网',
        country: '中国',
        province: p.name,
        city,
        fragment: `${city}供电`,
      });
      if (!southern) {
        out.push({
          name: `${p.grid}${city}供电分公司营销服务中心`,
          shortName: null,
          kind: 'grid',
          type: 'grid',
          industry: '电网',
          country: '中国',
          province: p.name,
          city,
          fragment: `${city}供电`,
        });
      }
    }
    out.push({
      name: `${p.name}电力设计院有限公司`,
      shortName: null,
      kind: 'grid',
      type: 'grid',
      industry: '电网',
      country: '中国',
      province: p.name,
      city: null,
      fragment: '电力设计院',
    });
  }
  return out;
}

/** One non-grid customer; names may repeat, the caller keeps the first of each normalised name. */
export function companyCustomer(rng: Rng): GeneratedCustomer {
  const r = rng.next();
  const province = rng.pick(PROVINCES);
  const city = rng.pick(province.cities);
  const place = rng.next() < 0.55 ? city : province.name;
  const trade = tradeName(rng);
  if (r < 0.03) {
    const x = rng.pick(LATIN) + (rng.next() < 0.5 ? ` ${rng.pick(LATIN)}` : '');
    return {
      name: rng.pick(OVERSEAS_FORMS)(x),
      shortName: x,
      kind: 'overseas',
      type: 'overseas',
      industry: rng.pick(INDUSTRIES.overseas),
      country: rng.pick(COUNTRIES),
      province: null,
      city: null,
      fragment: x.split(' ')[0]!,
    };
  }
  let kind: CustomerKind;
  let word: string;
  let form: string;
  if (r < 0.45) {
    kind = 'maker';
    word = rng.pick(MAKER_WORDS);
    form = rng.pick(LEGAL);
  } else if (r < 0.78) {
    kind = 'industrial';
    word = rng.pick(INDUSTRIAL_WORDS);
    form = rng.pick(LEGAL);
  } else {
    kind = 'distributor';
    word = rng.pick(DISTRIBUTOR_WORDS);
    form = rng.pick(DISTRIBUTOR_FORMS);
  }
  let name = `${place}${trade}${word}${form}`;
  if (rng.next() < 0.04) name += `${rng.pick(rng.pick(PROVINCES).cities)}${rng.next() < 0.7 ? '分公司' : '办事处'}`;
  return {
    name,
    shortName: rng.next() < 0.6 ? `${trade}${word}` : null,
    kind,
    type: kind === 'maker' ? 'other' : kind,
    industry: rng.pick(INDUSTRIES[kind]),
    country: '中国',
    province: province.name,
    city,
    fragment: trade,
  };
}

const HOMOPHONES: Record<string, string> = {
  华: '桦',
  鹏: '朋',
  瑞: '锐',
  恒: '衡',
  达: '大',
  威: '维',
  胜: '盛',
  科: '柯',
  星: '兴',
  海: '凯',
  新: '欣',
  远: '源',
  宏: '弘',
  泰: '太',
  通: '同',
  德: '得',
  信: '鑫',
  安: '岸',
  博: '搏',
  天: '添',
  金: '今',
  明: '铭',
  隆: '龙',
  昌: '畅',
  利: '力',
  嘉: '佳',
  和: '合',
  永: '咏',
};

/**
 * How people type an existing customer into the duplicate check: without the legal form, with a
 * homophone typo in the trade name, the short name only, full-width brackets, an extra 公司…
 */
export function variantOf(name: string, shortName: string | null, rng: Rng): string {
  const bare = name.replace(/(集团)?(股份)?有限(责任)?公司/, '');
  const r = rng.next();
  if (r < 0.25) return bare;
  if (r < 0.5) {
    const chars = [...name];
    const at = chars.findIndex((c, i) => i > 1 && HOMOPHONES[c] !== undefined);
    if (at > 0) chars[at] = HOMOPHONES[chars[at]!]!;
    return chars.join('');
  }
  if (r < 0.65 && shortName) return shortName;
  if (r < 0.8) return `${bare}公司`;
  return name.replace('有限公司', '(有限公司)').replace(/\(有限公司\)/, '有限公司');
}
