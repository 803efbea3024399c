/**
 * Chinese place and road names. Lists first (plausible, Hangzhou-flavoured but fictional city),
 * then generated two-character names once a list runs out, so any scale gets unique names.
 */
import type { Rng } from './prng.js';

/** North-south arterial base names (+ 路, or 北路/中路/南路 on primaries). */
// prettier-ignore
export const NS_ARTERIAL_NAMES = [
  '中山', '延安', '建国', '东新', '学院', '湖墅', '上塘', '秋涛', '教工', '丰潭', '古翠',
  '莫干山', '新华', '人民', '和平', '胜利', '光明', '工农', '复兴', '振华', '江城', '沈塘',
] as const;

/** East-west arterial base names (+ 路, or 东路/中路/西路 on primaries). */
// prettier-ignore
export const EW_ARTERIAL_NAMES = [
  '解放', '庆春', '凤起', '体育场', '文晖', '天目山', '文一', '文二', '文三', '德胜', '朝晖',
  '艮山', '清泰', '开元', '望江', '河坊', '长庆', '石桥', '余杭塘', '三墩', '华星', '留和',
] as const;

/** Radial roads (+ 大道). */
// prettier-ignore
export const RADIAL_NAMES = [
  '迎宾', '机场', '临江', '科技', '江南', '之江', '东湖', '西溪', '秋石', '望海', '九堡', '龙井',
] as const;

/** National / provincial road numbers carried by radials outside the outer ring. */
export const TRUNK_REFS = ['G104', 'G320', 'G329', 'S101', 'S102', 'S203', 'S208', 'S302'] as const;

export const BRIDGE_NAMES = [
  '复兴大桥',
  '西兴大桥',
  '彩虹大桥',
  '之江大桥',
  '九堡大桥',
  '钱江大桥',
  '清江一桥',
  '清江二桥',
] as const;

export const RIVER_NAME = '清江';
export const OUTER_RING_NAME = '绕城高速';
export const OUTER_RING_REF = 'G2504';

/** Grid (网格) names, roughly from the centre outwards; precincts borrow them (湖滨派出所). */
// prettier-ignore
export const GRID_NAMES = [
  '湖滨', '清波', '小营', '长庆', '紫阳', '望江', '潮鸣', '武林', '天水', '米市巷',
  '朝晖', '湖墅', '文晖', '南星', '凯旋', '采荷', '闸弄口', '四季青', '东新', '和睦',
  '大关', '上塘', '小河', '北山', '翠苑', '文新', '古荡', '拱宸桥', '祥符', '康桥',
  '半山', '石桥', '丁桥', '笕桥', '彭埠', '九堡', '灵隐', '蒋村', '留下', '转塘',
  '西兴', '长河', '浦沿', '闻堰', '白杨', '下沙', '乔司', '临平', '星桥', '良渚',
  '仓前', '五常', '三墩', '宁围', '新塘', '北干', '城厢', '钱塘', '江干', '西湖',
] as const;

// prettier-ignore
const PREFIXES = [
  '青', '金', '银', '白', '玉', '翠', '紫', '梅', '桂', '竹', '柳', '松', '兰', '荷', '杏',
  '桃', '丰', '永', '安', '宁', '和', '康', '福', '兴', '长', '新', '春', '秋', '明', '德',
  '仁', '义', '文', '武', '华', '光', '凤', '龙', '鹤', '云',
] as const;
// prettier-ignore
const SUFFIXES = [
  '华', '苑', '塘', '桥', '园', '林', '溪', '湖', '港', '坊', '井', '亭', '泉', '荫', '山',
  '河', '宁', '安', '平', '兴', '乐', '寿', '丰', '庆', '祥', '盛', '隆', '源', '清', '阳',
] as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** Hands out unique names: listed ones first (shuffled), then generated ones. */
export class NamePool {
  private readonly listed: string[];
  private readonly generated: string[];
  private round = 0;
  private readonly used: Set<string>;

  constructor(rng: Rng, listed: readonly string[], used: Set<string> = new Set()) {
    this.listed = rng.shuffle(listed);
    const combos: string[] = [];
    for (const p of PREFIXES) for (const s of SUFFIXES) if (p !== s) combos.push(p + s);
    this.generated = rng.shuffle(combos);
    this.used = used;
  }

  /** Next unused base name (without suffix such as 路). */
  next(): string {
    for (;;) {
      const name = this.take();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  private take(): string {
    const listed = this.listed.shift();
    if (listed !== undefined) return listed;
    const index = this.round % this.generated.length;
    const cycle = Math.floor(this.round / this.generated.length);
    this.round += 1;
    const base = this.generated[index] as string;
    // After one pass over all generated names, append 一, 二, ... (or a number past 十).
    return cycle === 0 ? base : base + (NUMERALS[cycle - 1] ?? String(cycle));
  }
}
