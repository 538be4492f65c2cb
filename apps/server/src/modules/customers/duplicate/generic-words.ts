/**
 * Word lists for the customer duplicate check. Words listed here say little about *which* company a
 * name means: shared locations, industry words or legal-form leftovers must not make two unrelated
 * companies look alike, and a different location is evidence of a different company.
 */

/** The 34 provincial-level divisions: short name as used in company names, official full name. */
export const PROVINCES: readonly (readonly [short: string, full: string])[] = [
  ['北京', '北京市'],
  ['天津', '天津市'],
  ['上海', '上海市'],
  ['重庆', '重庆市'],
  ['河北', '河北省'],
  ['山西', '山西省'],
  ['辽宁', '辽宁省'],
  ['吉林', '吉林省'],
  ['黑龙江', '黑龙江省'],
  ['江苏', '江苏省'],
  ['浙江', '浙江省'],
  ['安徽', '安徽省'],
  ['福建', '福建省'],
  ['江西', '江西省'],
  ['山东', '山东省'],
  ['河南', '河南省'],
  ['湖北', '湖北省'],
  ['湖南', '湖南省'],
  ['广东', '广东省'],
  ['海南', '海南省'],
  ['四川', '四川省'],
  ['贵州', '贵州省'],
  ['云南', '云南省'],
  ['陕西', '陕西省'],
  ['甘肃', '甘肃省'],
  ['青海', '青海省'],
  ['台湾', '台湾省'],
  ['内蒙古', '内蒙古自治区'],
  ['广西', '广西壮族自治区'],
  ['西藏', '西藏自治区'],
  ['宁夏', '宁夏回族自治区'],
  ['新疆', '新疆维吾尔自治区'],
  ['香港', '香港特别行政区'],
  ['澳门', '澳门特别行政区'],
];

/**
 * Prefecture-level divisions (cities, 地区, 自治州, 盟) by province, short names: all of them, as of
 * 2024, except 吉林 and 海南 (also province names), plus 济源 (administered by its province) and
 * 雄安 (new area), which company names use like cities. Municipalities have none. County-level places
 * are not listed: "X区/X县/X市" after an unknown word is recognised as a district by its suffix.
 * The registration rules forbid county-or-higher place names as a trade name (字号), so a place
 * name inside a company name is, in practice, a location.
 */
export const CITIES_BY_PROVINCE: Readonly<Record<string, readonly string[]>> = {
  河北: ['石家庄', '唐山', '秦皇岛', '邯郸', '邢台', '保定', '张家口', '承德', '沧州', '廊坊', '衡水', '雄安'],
  山西: ['太原', '大同', '阳泉', '长治', '晋城', '朔州', '晋中', '运城', '忻州', '临汾', '吕梁'],
  内蒙古: ['呼和浩特', '包头', '乌海', '赤峰', '通辽', '鄂尔多斯', '呼伦贝尔', '巴彦淖尔', '乌兰察布', '兴安', '锡林郭勒', '阿拉善'],
  辽宁: ['沈阳', '大连', '鞍山', '抚顺', '本溪', '丹东', '锦州', '营口', '阜新', '辽阳', '盘锦', '铁岭', '朝阳', '葫芦岛'],
  吉林: ['长春', '四平', '辽源', '通化', '白山', '松原', '白城', '延边'],
  黑龙江: ['哈尔滨', '齐齐哈尔', '鸡西', '鹤岗', '双鸭山', '大庆', '伊春', '佳木斯', '七台河', '牡丹江', '黑河', '绥化', '大兴安岭'],
  江苏: ['南京', '无锡', '徐州', '常州', '苏州', '南通', '连云港', '淮安', '盐城', '扬州', '镇江', '泰州', '宿迁'],
  浙江: ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水'],
  安徽: ['合肥', '芜湖', '蚌埠', '淮南', '马鞍山', '淮北', '铜陵', '安庆', '黄山', '滁州', '阜阳', '宿州', '六安', '亳州', '池州', '宣城'],
  福建: ['福州', '厦门', '莆田', '三明', '泉州', '漳州', '南平', '龙岩', '宁德'],
  江西: ['南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶'],
  山东: ['济南', '青岛', '淄博', '枣庄', '东营', '烟台', '潍坊', '济宁', '泰安', '威海', '日照', '临沂', '德州', '聊城', '滨州', '菏泽'],
  河南: [
    '郑州',
    '开封',
    '洛阳',
    '平顶山',
    '安阳',
    '鹤壁',
    '新乡',
    '焦作',
    '濮阳',
    '许昌',
    '漯河',
    '三门峡',
    '南阳',
    '商丘',
    '信阳',
    '周口',
    '驻马店',
    '济源',
  ],
  湖北: ['武汉', '黄石', '十堰', '宜昌', '襄阳', '鄂州', '荆门', '孝感', '荆州', '黄冈', '咸宁', '随州', '恩施'],
  湖南: ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'],
  广东: [
    '广州',
    '韶关',
    '深圳',
    '珠海',
    '汕头',
    '佛山',
    '江门',
    '湛江',
    '茂名',
    '肇庆',
    '惠州',
    '梅州',
    '汕尾',
    '河源',
    '阳江',
    '清远',
    '东莞',
    '中山',
    '潮州',
    '揭阳',
    '云浮',
  ],
  广西: ['南宁', '柳州', '桂林', '梧州', '北海', '防城港', '钦州', '贵港', '玉林', '百色', '贺州', '河池', '来宾', '崇左'],
  海南: ['海口', '三亚', '三沙', '儋州'],
  四川: [
    '成都',
    '自贡',
    '攀枝花',
    '泸州',
    '德阳',
    '绵阳',
    '广元',
    '遂宁',
    '内江',
    '乐山',
    '南充',
    '眉山',
    '宜宾',
    '广安',
    '达州',
    '雅安',
    '巴中',
    '资阳',
    '阿坝',
    '甘孜',
    '凉山',
  ],
  贵州: ['贵阳', '六盘水', '遵义', '安顺', '毕节', '铜仁', '黔西南', '黔东南', '黔南'],
  云南: [
    '昆明',
    '曲靖',
    '玉溪',
    '保山',
    '昭通',
    '丽江',
    '普洱',
    '临沧',
    '楚雄',
    '红河',
    '文山',
    '西双版纳',
    '大理',
    '德宏',
    '怒江',
    '迪庆',
  ],
  西藏: ['拉萨', '日喀则', '昌都', '林芝', '山南', '那曲', '阿里'],
  陕西: ['西安', '铜川', '宝鸡', '咸阳', '渭南', '延安', '汉中', '榆林', '安康', '商洛'],
  甘肃: ['兰州', '嘉峪关', '金昌', '白银', '天水', '武威', '张掖', '平凉', '酒泉', '庆阳', '定西', '陇南', '临夏', '甘南'],
  青海: ['西宁', '海东', '海北', '黄南', '果洛', '玉树', '海西'],
  宁夏: ['银川', '石嘴山', '吴忠', '固原', '中卫'],
  新疆: [
    '乌鲁木齐',
    '克拉玛依',
    '吐鲁番',
    '哈密',
    '昌吉',
    '博尔塔拉',
    '巴音郭楞',
    '阿克苏',
    '克孜勒苏',
    '喀什',
    '和田',
    '伊犁',
    '塔城',
    '阿勒泰',
  ],
};

/** Suffixes that may follow a province or city name without changing what it means. */
export const LOCATION_SUFFIXES = ['省', '市', '地区', '盟', '州', '自治州'] as const;

/** Regions used like locations (国网华东分部, 华北电力设计院); a different region is a different unit. */
export const REGIONS = ['华东', '华北', '华南', '华中', '西北', '东北', '西南'] as const;

/** The country; "中国XX" and "XX" usually name the same company, so it weighs little. */
export const COUNTRY_ZH = '中国';

/** Grid-group markers and their aliases: 国家电网 = 国网, 南方电网 = 南网. */
export const GROUP_MARKERS: Readonly<Record<string, string>> = { 国家电网: '国网', 国网: '国网', 南方电网: '南网', 南网: '南网' };

/**
 * Industry, business and organisation words. Two names that share only these (and a location) are
 * not similar; a short name may drop some of them (华鹏变压器 → 华鹏).
 */
export const GENERIC_WORDS_ZH: readonly string[] = [
  ...[
    '电力',
    '电气',
    '电器',
    '电子',
    '电工',
    '电网',
    '电表',
    '电能',
    '电缆',
    '电线',
    '线缆',
    '电源',
    '电机',
    '电控',
    '电池',
    '电讯',
    '电光',
  ],
  ...['电子商务', '输变电', '变电', '供电', '配电', '输电', '用电', '售电', '发电', '微电网'],
  ...[
    '开关',
    '变压器',
    '互感器',
    '成套',
    '元件',
    '器材',
    '物资',
    '仪表',
    '仪器',
    '计量',
    '测控',
    '传感',
    '传感器',
    '芯片',
    '半导体',
    '微电子',
  ],
  ...[
    '科技',
    '技术',
    '新技术',
    '高科技',
    '高新',
    '信息',
    '智能',
    '智慧',
    '能源',
    '新能源',
    '清洁能源',
    '光伏',
    '光电',
    '储能',
    '风电',
    '节能',
  ],
  ...[
    '设备',
    '工程',
    '实业',
    '贸易',
    '商贸',
    '经贸',
    '发展',
    '控股',
    '投资',
    '自动化',
    '通信',
    '通讯',
    '网络',
    '软件',
    '系统',
    '集成',
    '物联网',
    '物联',
  ],
  ...[
    '数据',
    '数字',
    '服务',
    '咨询',
    '管理',
    '建设',
    '建筑',
    '建工',
    '安装',
    '机电',
    '机械',
    '制造',
    '材料',
    '新材料',
    '环保',
    '环境',
    '装备',
    '精密',
  ],
  ...[
    '照明',
    '水务',
    '燃气',
    '热力',
    '动力',
    '控制',
    '充电',
    '汽车',
    '销售',
    '经营',
    '进出口',
    '国际',
    '供应链',
    '物流',
    '产业',
    '工业',
    '企业',
  ],
  ...[
    '科学',
    '研究院',
    '研究所',
    '设计院',
    '设计',
    '实验',
    '检测',
    '认证',
    '营销',
    '售后',
    '维修',
    '运维',
    '检修',
    '信通',
    '客服',
    '房地产',
    '置业',
    '物业',
  ],
  ...['开发', '集团', '厂', '工厂', '总厂', '超市', '城市', '高新区', '开发区', '经开区', '新区', '工业园区', '园区'],
];

/** Synonyms and common mis-writings among generic words, mapped to one spelling. */
export const GENERIC_SYNONYMS_ZH: Readonly<Record<string, string>> = {
  电器: '电气',
  通讯: '通信',
  工厂: '厂',
  总厂: '厂',
  高科技: '科技',
  新技术: '技术',
  高新: '技术',
};

/** Words that make a unit of a company: a branch is not its parent (DOMAIN.md). */
export const BRANCH_WORDS_ZH: readonly string[] = [
  ...['分公司', '子公司', '支公司', '办事处', '代表处', '联络处', '分厂', '营业部', '营业厅', '分部', '分店', '分行', '支行'],
  ...['分院', '分所', '分中心', '服务中心', '营销中心', '研发中心', '销售中心', '项目部', '事业部', '工区', '分局', '局', '所'],
];

/** Branch words of one kind, so that 北京代表处 and "Beijing Representative Office" compare equal. */
export const BRANCH_SYNONYMS_ZH: Readonly<Record<string, string>> = {
  分公司: 'branch',
  办事处: 'office',
  代表处: 'office',
  联络处: 'office',
};

/** Administrative suffixes after an unlisted place: 江宁区, 昆山市, 沛县. */
export const DISTRICT_SUFFIXES = ['区', '县', '市', '旗'] as const;

export const GENERIC_WORDS_EN: readonly string[] = [
  ...['electric', 'electrical', 'electricals', 'electricity', 'electronic', 'electronics', 'power', 'energy', 'energies', 'grid', 'grids'],
  ...[
    'meter',
    'meters',
    'metering',
    'measurement',
    'instrument',
    'instruments',
    'technology',
    'technologies',
    'tech',
    'smart',
    'intelligent',
  ],
  ...['solution', 'solutions', 'system', 'systems', 'service', 'services', 'engineering', 'engineers', 'trading', 'traders', 'trade'],
  ...[
    'supply',
    'supplies',
    'supplier',
    'suppliers',
    'distribution',
    'distributors',
    'distributor',
    'equipment',
    'industries',
    'industrial',
  ],
  ...['industry', 'international', 'global', 'group', 'holding', 'holdings', 'enterprise', 'enterprises', 'development', 'resources'],
  ...[
    'utility',
    'utilities',
    'automation',
    'cable',
    'cables',
    'transformer',
    'transformers',
    'lighting',
    'light',
    'contracting',
    'contractors',
  ],
  ...[
    'projects',
    'investment',
    'investments',
    'logistics',
    'manufacturing',
    'works',
    'import',
    'export',
    'general',
    'commercial',
    'national',
  ],
  ...[
    'network',
    'networks',
    'telecom',
    'communications',
    'software',
    'digital',
    'science',
    'sciences',
    'research',
    'institute',
    'consulting',
  ],
  ...['products', 'components', 'materials', 'devices', 'control', 'controls', 'renewable', 'renewables', 'solar', 'wind', 'storage'],
  ...['battery', 'batteries', 'transmission', 'water', 'gas', 'new', 'enerji', 'energia', 'energie', 'elektrik', 'electrica', 'listrik'],
  ...[
    'medidores',
    'compteurs',
    'sayac',
    'sanayi',
    'ticaret',
    'dagitim',
    'distribuidora',
    'comercial',
    'servicios',
    'sistemas',
    'tecnologia',
  ],
];

/** Plural and variant forms mapped to one spelling, so "Supplies" and "Supply" compare equal. */
export const GENERIC_SYNONYMS_EN: Readonly<Record<string, string>> = {
  ...{ electrical: 'electric', electricals: 'electric', electronic: 'electronics', energies: 'energy', grids: 'grid', meters: 'meter' },
  ...{ instruments: 'instrument', technologies: 'technology', tech: 'technology', solutions: 'solution', systems: 'system' },
  ...{ services: 'service', engineers: 'engineering', traders: 'trading', trade: 'trading', supplies: 'supply', suppliers: 'supply' },
  ...{ supplier: 'supply', distributors: 'distribution', distributor: 'distribution', industries: 'industry', industrial: 'industry' },
  ...{ holdings: 'holding', enterprises: 'enterprise', utilities: 'utility', cables: 'cable', transformers: 'transformer' },
  ...{ contractors: 'contracting', investments: 'investment', networks: 'network', sciences: 'science', controls: 'control' },
  ...{ renewables: 'renewable', batteries: 'battery', energie: 'energy', energia: 'energy', enerji: 'energy' },
  ...{ elektrik: 'electric', electrica: 'electric' },
};

/** Words that make a unit of a foreign company, grouped by kind. */
export const BRANCH_WORDS_EN: Readonly<Record<string, string>> = {
  branch: 'branch',
  office: 'office',
  representative: 'office',
  rep: 'office',
  liaison: 'office',
  division: 'division',
  plant: 'plant',
};

export const STOPWORDS_EN: ReadonlySet<string> = new Set([
  'and',
  'of',
  'the',
  'de',
  'la',
  'le',
  'les',
  'del',
  'des',
  'du',
  'da',
  'do',
  'y',
  'et',
  'e',
  'for',
  'und',
]);

/**
 * Countries written in Latin letters (a solid subset: our export markets and neighbours), joined
 * without spaces. Chinese provinces and cities in pinyin are added from the lists above.
 */
export const COUNTRIES_EN: readonly string[] = [
  ...['china', 'india', 'pakistan', 'bangladesh', 'srilanka', 'nepal', 'indonesia', 'malaysia', 'singapore', 'thailand', 'vietnam'],
  ...['philippines', 'myanmar', 'cambodia', 'laos', 'mongolia', 'kazakhstan', 'uzbekistan', 'kyrgyzstan', 'tajikistan', 'russia'],
  ...['turkey', 'iran', 'iraq', 'saudiarabia', 'saudi', 'uae', 'unitedarabemirates', 'qatar', 'oman', 'kuwait', 'bahrain', 'jordan'],
  ...['egypt', 'morocco', 'algeria', 'tunisia', 'libya', 'sudan', 'ethiopia', 'kenya', 'uganda', 'tanzania', 'rwanda', 'zambia'],
  ...['zimbabwe', 'mozambique', 'angola', 'namibia', 'botswana', 'southafrica', 'nigeria', 'ghana', 'senegal', 'cameroon', 'ivorycoast'],
  ...['brazil', 'argentina', 'chile', 'peru', 'colombia', 'ecuador', 'bolivia', 'mexico', 'germany', 'france', 'italy', 'spain', 'poland'],
  ...['unitedkingdom', 'uk', 'usa', 'unitedstates', 'australia', 'newzealand', 'japan', 'korea', 'southkorea'],
];

/** Conventional Latin spellings of Chinese places that differ from plain pinyin. */
export const CHINA_PLACE_ALIASES_EN: Readonly<Record<string, string>> = {
  shaanxi: '陕西',
  innermongolia: '内蒙古',
  tibet: '西藏',
  hongkong: '香港',
  macau: '澳门',
  macao: '澳门',
  peking: '北京',
  canton: '广州',
  amoy: '厦门',
};

/** Pinyin of Chinese places that are also common foreign names (Ali, Nanyang): not read as places in Latin text. */
export const LATIN_PLACE_EXCLUDED: ReadonlySet<string> = new Set(['ali', 'nanyang', 'dali']);

/** Toneless pinyin syllables (interjections hng/m/n/ng left out), to read Latin words as pinyin. */
export const PINYIN_SYLLABLES: readonly string[] = (
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan ' +
  'chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang ' +
  'dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga ' +
  'gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai ' +
  'huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku ' +
  'kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun ' +
  'luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian ' +
  'niang niao nie nin ning niu nong nou nu nuan nue nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou ' +
  'pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai ' +
  'san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song ' +
  'sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen ' +
  'weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun ' +
  'za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui ' +
  'zhun zhuo zi zong zou zu zuan zui zun zuo'
).split(' ');
