/**
 * Traditional → simplified for characters common in company names (Hong Kong, Taiwan and older
 * records). Not a full converter: a character left out still matches its simplified form by pinyin
 * in the similarity score, it only cannot make two names block as equal.
 */
const PAIRS =
  '華华鵬鹏變变壓压電电氣气網网東东興兴術术發发貿贸設设備备實实業业國国際际廣广儀仪錶表開开關关動动機机廠厂團团務务資资訊讯' +
  '億亿達达萬万與与為为會会線线纜缆陽阳龍龙鳳凤聯联進进連连環环製制產产衛卫寶宝導导創创灣湾臺台門门區区縣县蘇苏滬沪貴贵遼辽' +
  '陝陕寧宁內内雲云瓊琼鄭郑漢汉紹绍溫温島岛勝胜豐丰圓圆長长陳陈張张劉刘楊杨黃黄趙赵吳吴許许馬马鐵铁銀银鋼钢銅铜鋁铝錦锦鎮镇' +
  '聖圣莊庄農农藝艺號号樂乐匯汇滙汇譽誉榮荣燈灯熱热礦矿輸输測测試试驗验計计調调節节數数據据軟软體体飛飞視视證证認认質质傳传' +
  '經经營营銷销後后維维護护檢检協协議议記记錄录運运車车輪轮紅红綠绿藍蓝橋桥樓楼場场廈厦歐欧亞亚義义蘭兰羅罗諾诺納纳爾尔遠远' +
  '選选邊边鄉乡陸陆雙双靈灵韓韩順顺領领頭头顯显風风餘余館馆鴻鸿麗丽齊齐潤润閏闰潔洁濟济濱滨無无煙烟爐炉現现盤盘確确穩稳積积' +
  '種种稱称競竞範范築筑簡简級级紀纪純纯終终組组結结絡络統统絲丝綜综緣缘編编總总織织繼继續续職职腦脑萊莱葉叶薩萨藥药處处' +
  '衝冲複复規规親亲訂订訓训評评詢询詳详誠诚語语諮咨貝贝財财貨货購购費费賀贺賓宾賽赛贏赢贛赣輝辉過过遷迁適适醫医鋒锋錢钱鏈链' +
  '鐘钟閩闽閣阁隨随險险雞鸡靜静項项預预頻频類类驅驱鹽盐麥麦點点傑杰偉伟僑侨價价儲储優优兩两凱凯剛刚勁劲勞劳勢势啟启單单' +
  '嚴严園园圖图執执堅坚報报壯壮夢梦奧奥學学審审專专對对屬属崗岗嶺岭巖岩師师幫帮廳厅從从復复徵征應应戰战換换揚扬擁拥擴扩' +
  '數数斷断晉晋暢畅曉晓書书條条極极構构標标樞枢樣样橫横權权歡欢歸归滿满澤泽濤涛瀋沈燦灿爭争獎奖畢毕監监眾众礎础禮礼稅税' +
  '約约緊紧聞闻膠胶臨临舉举裝装見见覽览識识譯译讀读讓让貫贯賢贤質质躍跃軌轨載载輕轻轉转辦办這这遊游遞递還还郵邮鄰邻針针' +
  '銘铭鍵键鎖锁鏡镜閃闪閘闸陣阵離离響响頂顶題题願愿顧顾養养騰腾鬆松恆恒榮荣寶宝灝灏';

const MAP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const [from, to] = [chars[i]!, chars[i + 1]!];
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/** Replaces the traditional characters listed above by their simplified forms. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}
