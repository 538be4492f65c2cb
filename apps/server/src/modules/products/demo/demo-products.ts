import { Decimal } from 'decimal.js';

/** The categories a new installation starts with (administrators add, rename and disable them). */
export const DEFAULT_CATEGORIES: readonly { name: string; nameEn: string }[] = [
  { name: '单相智能电表', nameEn: 'Single-phase smart meters' },
  { name: '三相智能电表', nameEn: 'Three-phase smart meters' },
  { name: '集中器', nameEn: 'Concentrators' },
  { name: '采集器', nameEn: 'Collectors' },
  { name: '能源控制器', nameEn: 'Energy controllers' },
  { name: '配电终端', nameEn: 'Distribution terminals' },
  { name: '低压开关柜', nameEn: 'LV switchgear' },
  { name: '互感器', nameEn: 'Instrument transformers' },
  { name: '通信模块', nameEn: 'Communication modules' },
  { name: '计量箱', nameEn: 'Metering boxes' },
  { name: '充电桩', nameEn: 'EV chargers' },
];

export type DemoProduct = {
  materialCode: string;
  name: string;
  model: string;
  unit: string;
  category: string;
  listPrice: string;
  floorPrice: string;
  standardCost: string;
  warrantyMonths: number;
  leadTimeDays: number;
  status: 'active' | 'discontinued';
};

type Family = {
  category: string;
  prefix: string;
  unit: string;
  warrantyMonths: number;
  leadTimeDays: [number, number];
  /** [name, model, list price] per item. */
  items: [string, string, number, ('discontinued' | undefined)?][];
};

const singlePhaseRatings = ['5(60)A', '10(100)A', '5(80)A'];
const threePhaseRatings = ['1.5(6)A 0.5S级', '0.3(1.2)A 0.5S级', '5(60)A 1级', '10(100)A 1级'];
const ctRatios = ['50/5', '75/5', '100/5', '150/5', '200/5', '300/5', '400/5', '500/5', '600/5', '800/5', '1000/5', '1500/5', '2000/5'];

const FAMILIES: Family[] = [
  {
    category: '单相智能电表',
    prefix: '1101',
    unit: '只',
    warrantyMonths: 96,
    leadTimeDays: [15, 25],
    items: [
      ...singlePhaseRatings.flatMap((r, i): Family['items'] => [
        ['单相费控智能电能表（远程-HPLC）', `DDZY102C-Z ${r} 2级`, 285 + i * 20],
        ['单相费控智能电能表（远程-4G）', `DDZY102-G ${r} 2级`, 328 + i * 20],
        ['单相费控智能电能表（远程-双模）', `DDZY102-M ${r} 2级`, 298 + i * 20],
        ['单相本地费控智能电能表（CPU卡）', `DDSY102 ${r} 2级`, 245 + i * 15],
        ['单相物联网智能电能表（IR46）', `DDZY-IR20 ${r} A级`, 420 + i * 25],
        ['单相费控智能电能表（1级）', `DDZY102C-Z ${r} 1级`, 318 + i * 20],
        ['单相电子式电能表', `DDS102 ${r} 2级`, 120 + i * 10, 'discontinued'],
        ['单相费控智能电能表（远程-载波）', `DDZY102-Z ${r} 2级`, 268 + i * 20, 'discontinued'],
      ]),
      ['单相导轨式电能表', 'DDS102-D 10(40)A 1级', 168],
      ['单相预付费电能表（键盘式 STS）', 'DDSY102-K 10(60)A 1级', 360],
    ],
  },
  {
    category: '三相智能电表',
    prefix: '1102',
    unit: '只',
    warrantyMonths: 96,
    leadTimeDays: [20, 30],
    items: [
      ...threePhaseRatings.flatMap((r, i): Family['items'] => [
        ['三相四线费控智能电能表（远程-HPLC）', `DTZY102C-Z 3×220/380V ${r}`, 980 + i * 60],
        ['三相四线费控智能电能表（远程-4G）', `DTZY102-G 3×220/380V ${r}`, 1080 + i * 60],
        ['三相四线物联网智能电能表（IR46）', `DTZ-IR46 3×220/380V ${r}`, 1880 + i * 80],
        ['三相四线本地费控智能电能表', `DTSY102 3×220/380V ${r}`, 860 + i * 50],
      ]),
      ['三相四线多功能电能表', 'DTSD102 3×57.7/100V 3×1.5(6)A 0.2S级', 2680],
      ['三相四线多功能电能表', 'DTSD102 3×220/380V 3×1.5(6)A 0.5S级', 2280],
      ['三相三线多功能电能表', 'DSSD102 3×100V 3×1.5(6)A 0.2S级', 2580],
      ['三相三线费控智能电能表', 'DSZY102 3×100V 3×1.5(6)A 0.5S级', 1350],
      ['关口电能表', 'DTSD102-GK 3×57.7/100V 0.2S级', 5800],
      ['三相四线电子式电能表', 'DTS102 3×220/380V 3×10(40)A 1级', 620, 'discontinued'],
    ],
  },
  {
    category: '集中器',
    prefix: '1201',
    unit: '台',
    warrantyMonths: 60,
    leadTimeDays: [20, 30],
    items: [
      ['I型集中器（4G）', 'DJGZ23-G 3×220/380V', 1650],
      ['I型集中器（HPLC）', 'DJGZ23-H 3×220/380V', 1780],
      ['I型集中器（双模）', 'DJGZ23-M 3×220/380V', 1880],
      ['I型集中器（4G 全网通 + 以太网）', 'DJGZ23-GE 3×220/380V', 1920],
      ['II型集中器（4G）', 'DCZL23-G 220V', 980],
      ['II型集中器（HPLC）', 'DCZL23-H 220V', 1060],
      ['I型集中器（窄带载波）', 'DJGZ22-Z 3×220/380V', 1380, 'discontinued'],
      ['专变采集终端（III型）', 'FKGA43-G 3×220/380V', 2350],
      ['专变采集终端（III型 HPLC）', 'FKGA43-H 3×220/380V', 2450],
      ['公变采集终端', 'JKGA23-G 3×220/380V', 1980],
      ['集中器（海外版 DLMS/COSEM）', 'DJGZ23-DL 3×230/400V', 2150],
      ['集中器（海外版 PLC G3）', 'DJGZ23-G3 3×230/400V', 2280],
    ],
  },
  {
    category: '采集器',
    prefix: '1202',
    unit: '台',
    warrantyMonths: 60,
    leadTimeDays: [15, 25],
    items: [
      ['I型采集器（HPLC）', 'DCZL13-H 220V 32表位', 260],
      ['I型采集器（微功率无线）', 'DCZL13-W 220V 32表位', 240],
      ['II型采集器（HPLC）', 'DCZL23-H2 220V RS485', 320],
      ['II型采集器（双模）', 'DCZL23-M2 220V RS485', 345],
      ['II型采集器（窄带载波）', 'DCZL22-Z2 220V RS485', 198, 'discontinued'],
      ['水气热采集器', 'DCSL13-M 220V M-Bus', 420],
      ['光伏并网采集器', 'DCGF13-H 220V', 380],
      ['台区识别采集器', 'DCTQ13-H 3×220/380V', 460],
    ],
  },
  {
    category: '能源控制器',
    prefix: '1301',
    unit: '台',
    warrantyMonths: 60,
    leadTimeDays: [25, 40],
    items: [
      ['能源控制器（台区智能融合终端）', 'SCU-100 3×220/380V', 6800],
      ['能源控制器（专变）', 'ECU-200Z 3×57.7/100V', 8500],
      ['能源控制器（公变）', 'ECU-200G 3×220/380V', 7600],
      ['能源控制器（分布式光伏）', 'ECU-300PV 3×220/380V', 9200],
      ['能源控制器（负荷管理）', 'ECU-300L 3×220/380V', 8900],
      ['能源控制器（充电桩有序充电）', 'ECU-300EV 3×220/380V', 9800],
      ['智能物联锁具控制器', 'ECU-LK10', 1200],
      ['边缘计算网关', 'EGW-500 4G/以太网', 5600],
    ],
  },
  {
    category: '配电终端',
    prefix: '1401',
    unit: '台',
    warrantyMonths: 36,
    leadTimeDays: [30, 45],
    items: [
      ['站所终端 DTU（4 回路，遮蔽立式）', 'DTU-4L 遮蔽立式', 22800],
      ['站所终端 DTU（8 回路，遮蔽立式）', 'DTU-8L 遮蔽立式', 28000],
      ['站所终端 DTU（12 回路，组屏式）', 'DTU-12P 组屏式', 36500],
      ['站所终端 DTU（16 回路，组屏式）', 'DTU-16P 组屏式', 42800],
      ['馈线终端 FTU（罩式）', 'FTU-Z 罩式', 16500],
      ['馈线终端 FTU（箱式）', 'FTU-X 箱式', 14800],
      ['馈线终端 FTU（一二次融合）', 'FTU-RH 一二次融合', 19800],
      ['配变终端 TTU', 'TTU-100 3×220/380V', 5800],
      ['配变终端 TTU（融合型）', 'TTU-200R 3×220/380V', 6900],
      ['故障指示器（架空型，一组三只）', 'FI-J300 架空型', 2400],
      ['故障指示器（电缆型，一组三只）', 'FI-D300 电缆型', 2800],
      ['低压线路监测终端', 'LTU-10 3×220/380V', 1680],
    ],
  },
  {
    category: '低压开关柜',
    prefix: '1501',
    unit: '面',
    warrantyMonths: 24,
    leadTimeDays: [45, 60],
    items: [
      ['低压抽出式开关柜（进线柜）', 'GCK 2500A', 68000],
      ['低压抽出式开关柜（出线柜）', 'GCK 630A', 52000],
      ['低压抽出式开关柜', 'MNS 3200A', 75000],
      ['低压抽出式开关柜（出线柜）', 'MNS 800A', 58000],
      ['低压固定式开关柜（进线柜）', 'GGD 1600A', 32000],
      ['低压固定式开关柜（出线柜）', 'GGD 630A', 26500],
      ['低压固定式开关柜（电容补偿柜）', 'GGD 300kvar', 38000],
      ['低压综合配电箱（JP 柜）', 'JP-400 400kVA', 18000],
      ['低压综合配电箱（JP 柜）', 'JP-200 200kVA', 15200],
      ['低压分支箱', 'DFW-0.4 4 回路', 6800],
      ['低压分支箱', 'DFW-0.4 6 回路', 8200],
      ['低压抽出式开关柜', 'GCS 2000A', 62000, 'discontinued'],
    ],
  },
  {
    category: '互感器',
    prefix: '1601',
    unit: '只',
    warrantyMonths: 24,
    leadTimeDays: [10, 20],
    items: [
      ...ctRatios.map((ratio, i): Family['items'][number] => ['低压电流互感器', `LMZ-0.66 ${ratio} 0.2S级`, 85 + i * 15]),
      ['10kV 电流互感器', 'LZZBJ9-10 100/5 0.2S/10P10', 1800],
      ['10kV 电流互感器', 'LZZBJ9-10 300/5 0.2S/10P10', 1950],
      ['10kV 电压互感器', 'JDZ-10 10000/100 0.2级', 2200],
      ['10kV 电压互感器（三相）', 'JSZV-10R 10000/100 0.2级', 4600],
      ['组合互感器', 'JLSZV-10 10kV 0.2S级', 8800],
      ['开口式电流互感器', 'LMK-0.66 400/5 0.5级', 320],
      ...ctRatios
        .slice(2, 7)
        .map((ratio, i): Family['items'][number] => ['低压电流互感器（穿心式）', `BH-0.66 ${ratio} 0.5S级`, 70 + i * 12]),
    ],
  },
  {
    category: '通信模块',
    prefix: '1701',
    unit: '只',
    warrantyMonths: 60,
    leadTimeDays: [7, 15],
    items: [
      ['单相表 HPLC 通信单元', 'HPLC-S20', 45],
      ['三相表 HPLC 通信单元', 'HPLC-T20', 65],
      ['集中器 HPLC 本地通信单元', 'HPLC-C20', 120],
      ['单相表双模通信单元（HPLC + 无线）', 'HDC-S30', 75],
      ['三相表双模通信单元（HPLC + 无线）', 'HDC-T30', 95],
      ['4G 远程通信模块（全网通）', 'GM-4G20', 120],
      ['NB-IoT 通信模块', 'NB-20', 68],
      ['微功率无线通信单元', 'RF-S10', 40],
      ['窄带载波通信单元', 'PLC-S10', 28, 'discontinued'],
      ['RS485 转换模块', 'RS485-M1', 35],
    ],
  },
  {
    category: '计量箱',
    prefix: '1801',
    unit: '台',
    warrantyMonths: 36,
    leadTimeDays: [15, 30],
    items: [
      ['单相单表位计量箱（SMC）', 'JLX-D1 SMC', 180],
      ['单相四表位计量箱（SMC）', 'JLX-D4 SMC', 420],
      ['单相六表位计量箱（SMC）', 'JLX-D6 SMC', 560],
      ['单相九表位计量箱（不锈钢）', 'JLX-D9 304 不锈钢', 980],
      ['三相单表位计量箱（SMC）', 'JLX-S1 SMC', 520],
      ['三相直通表计量箱（带断路器）', 'JLX-S1K SMC 100A', 780],
      ['三相经互感器计量箱', 'JLX-S1H SMC 带 CT', 1350],
      ['高压计量箱（10kV）', 'JLSZV-10 户外', 12800],
    ],
  },
  {
    category: '充电桩',
    prefix: '1901',
    unit: '台',
    warrantyMonths: 24,
    leadTimeDays: [20, 35],
    items: [
      ['交流充电桩（壁挂式）', 'AC-7kW 单枪', 2680],
      ['交流充电桩（立柱式）', 'AC-7kW 单枪 立柱', 3280],
      ['交流充电桩（双枪）', 'AC-14kW 双枪', 5600],
      ['直流充电桩（一体式）', 'DC-60kW 单枪', 42000],
      ['直流充电桩（一体式）', 'DC-120kW 双枪', 68000],
      ['直流充电桩（分体式主机）', 'DC-240kW 群控', 128000],
      ['充电桩计量电能表（直流）', 'DJSF1352 1000V 250A', 1680],
      ['有序充电控制模块', 'OCM-10', 860],
    ],
  },
];

/** A fixed sequence in [0, 1) per index, so that every demo database gets the same catalogue. */
function unit(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const yuan = (value: Decimal.Value) => new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/**
 * About 150 catalogue items of a meter and power-distribution maker: list prices incl. tax, floor
 * prices at 80–92 % of list, standard costs (excl. tax) giving 25–45 % gross margin at list.
 */
export function demoProducts(): DemoProduct[] {
  const out: DemoProduct[] = [];
  let n = 0;
  for (const f of FAMILIES) {
    f.items.forEach(([name, model, list, status], i) => {
      n++;
      const listPrice = new Decimal(list);
      const floorShare = 0.8 + Math.round(unit(n, 1) * 12) / 100;
      // Whole yuan (tenths below 100 yuan), as sales teams round floor prices.
      const floor = listPrice.times(floorShare);
      const costShare = 0.55 + Math.round(unit(n, 2) * 20) / 100;
      const lead = f.leadTimeDays[0] + Math.round(unit(n, 3) * (f.leadTimeDays[1] - f.leadTimeDays[0]));
      out.push({
        materialCode: `${f.prefix}${String(100 + i * 3).padStart(6, '0')}`,
        name,
        model,
        unit: f.unit,
        category: f.category,
        listPrice: yuan(listPrice),
        floorPrice: yuan(floor.toDecimalPlaces(list >= 100 ? 0 : 1, Decimal.ROUND_HALF_UP)),
        standardCost: yuan(listPrice.dividedBy(1.13).times(costShare)),
        warrantyMonths: f.warrantyMonths,
        leadTimeDays: Math.round(lead / 5) * 5,
        status: status ?? 'active',
      });
    });
  }
  return out;
}
