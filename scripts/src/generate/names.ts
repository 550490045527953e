import { weightedTable, type Random } from './random';

/**
 * Surnames (姓) with weights in per mille, leaning to Zhejiang's mix (王, 陈, 张, 李, 徐,
 * 周, 吴, 沈, 朱, 金 lead there).
 */
const SURNAMES = weightedTable<string>([
  ['王', 72],
  ['陈', 68],
  ['张', 55],
  ['李', 52],
  ['徐', 38],
  ['周', 34],
  ['吴', 33],
  ['沈', 26],
  ['朱', 25],
  ['金', 22],
  ['刘', 22],
  ['杨', 20],
  ['黄', 19],
  ['胡', 18],
  ['钱', 16],
  ['孙', 15],
  ['俞', 14],
  ['叶', 14],
  ['方', 13],
  ['蒋', 13],
  ['赵', 12],
  ['郑', 12],
  ['汪', 12],
  ['何', 11],
  ['陆', 11],
  ['马', 10],
  ['应', 9],
  ['林', 9],
  ['姚', 9],
  ['高', 9],
  ['章', 8],
  ['潘', 8],
  ['许', 8],
  ['顾', 8],
  ['丁', 7],
  ['邵', 7],
  ['楼', 7],
  ['童', 6],
  ['毛', 6],
  ['范', 6],
  ['卢', 6],
  ['袁', 6],
  ['任', 6],
  ['郭', 6],
  ['宋', 5],
  ['唐', 5],
  ['韩', 5],
  ['冯', 5],
  ['曹', 5],
  ['程', 5],
  ['蔡', 5],
  ['夏', 5],
  ['钟', 4],
  ['谢', 4],
  ['倪', 4],
  ['骆', 4],
  ['傅', 4],
  ['洪', 4],
  ['施', 4],
  ['严', 4],
  ['魏', 4],
  ['余', 4],
  ['费', 3],
  ['戴', 3],
  ['葛', 3],
  ['盛', 3],
  ['鲍', 3],
  ['屠', 3],
  ['裘', 3],
  ['诸葛', 1],
  ['欧阳', 1],
  ['上官', 1],
]);

/** Given-name characters by sex and generation: names of the 1940s–60s differ from those of the 2000s. */
const GIVEN = {
  MALE: {
    older: '国建华明德志文军伟忠福根林荣平海金宝祥庆发兴富贵才顺康生民强永春成光保水'.split(''),
    middle: '伟军勇杰斌涛峰磊强超鹏辉波刚毅健亮俊晓东红卫明锋飞洪立新'.split(''),
    younger: '浩宇轩睿泽子然宸博文昊阳晨逸辰航一鸣哲凯瑞铭皓天佑嘉俊煜梓'.split(''),
  },
  FEMALE: {
    older: '秀英兰珍芳桂凤玉梅华琴娟美云莲翠霞菊月娥妹素彩香爱萍仙宝'.split(''),
    middle: '丽静敏燕红艳玲霞娟芳婷颖洁雪琳慧倩蕾萍晶莉薇佳'.split(''),
    younger: '欣怡萱涵雨诗梓婷琪悦可馨雪晨妍语彤佳一宁瑶思若依乐'.split(''),
  },
} as const;

/** A plausible full name for someone of `sex` born in `birthYear`: surname plus one or two characters. */
export function personName(rng: Random, sex: 'MALE' | 'FEMALE', birthYear: number, surname = pickSurname(rng)): string {
  const pools = GIVEN[sex];
  const pool = birthYear < 1965 ? pools.older : birthYear < 1990 ? pools.middle : pools.younger;
  const double = rng.chance(birthYear < 1965 ? 0.55 : birthYear < 1990 ? 0.6 : 0.8);
  const first = rng.pick(pool);
  if (!double) return surname + first;
  let second = rng.pick(pool);
  // Reduplicated names (婷婷, 明明) exist, but rarely.
  if (second === first && rng.chance(0.8)) second = rng.pick(pool);
  return surname + first + second;
}

export function pickSurname(rng: Random): string {
  return rng.weighted(SURNAMES);
}

/** The surname of a full name made by {@link personName}. */
export function surnameOf(name: string): string {
  const compound = SURNAMES.entries.find(([s]) => s.length === 2 && name.startsWith(s));
  return compound ? compound[0] : name[0];
}

/**
 * Two-character place stems for streets, communities, compounds and roads, in the style
 * of Hangzhou's canal-side districts.
 */
export const PLACE_STEMS = (
  '朝晖 潮鸣 湖墅 德胜 和睦 大关 小河 米市 香积 夹城 信义 左家 新华 文晖 东新 运河 紫荆 青莲 仓基 霞湾 ' +
  '长乐 塘河 清河 白荡 蔡马 皋亭 古墩 青园 瓜山 善贤 华丰 杨家 永丰 宝善 灯塔 双荡 红石 东园 西园 沈塘 ' +
  '石桥 新塘 华中 珠儿 卖鱼 胜利 叶青 江涨 登云 舟山 铭和 打铁 马塍 三塘 渡驾 王马 孔家 草庄 庆隆 南苑 ' +
  '北景 光明 幸福 和平 建新 桃源 丽水 拱宸 祥符 康桥 半山 上塘 湖州 莫干 假山 娑婆 贾家 严家 吉祥 万寿'
).split(' ');

/** Ordinals used in compound names: 一区, 二区… */
export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Draws names from a pool without repeating within one street. */
export class NamePool {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A name from `make` not returned before; after a few clashes a numeral is appended. */
  unique(make: (rng: Random) => string): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = make(this.rng);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    for (let n = 2; ; n++) {
      const name = `${make(this.rng)}${n}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
