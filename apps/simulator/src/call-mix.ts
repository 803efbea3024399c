/**
 * What 110 calls are about, how urgent they are, how long call-taking and the work on scene take.
 * Figures are plausible city averages, not measurements; they are the simulator's assumptions.
 */
import type { IncidentType, Priority } from '@dispatch/domain';
import type { Rng } from './prng.js';

/** Mix of calls not tied to a hot spot (anywhere on the road network). */
export const BACKGROUND_MIX: Partial<Record<IncidentType, number>> = {
  dispute: 22,
  help_request: 18,
  theft: 16,
  traffic_accident: 14,
  noise: 8,
  fight: 6,
  suspicious: 6,
  fire_medical: 4,
  missing_person: 2,
  other: 2,
  robbery: 1.5,
  knife_attack: 0.5,
};

/**
 * City-wide calls per hour of day, relative (mean 1): quiet before dawn, busy through the day,
 * peaking in the evening when disputes, fights and noise add up.
 */
export const CITY_HOURLY_PROFILE: readonly number[] = normalise([
  0.75, 0.6, 0.45, 0.35, 0.3, 0.35, 0.55, 0.8, 1.0, 1.1, 1.15, 1.15, 1.1, 1.05, 1.1, 1.15, 1.2, 1.3, 1.4, 1.5,
  1.5, 1.4, 1.2, 0.95,
]);

function normalise(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

/** Priority (1 most urgent) drawn per type. */
export function priorityFor(type: IncidentType, rng: Rng): Priority {
  const r = rng.next();
  switch (type) {
    case 'knife_attack':
      return 1;
    case 'robbery':
      return r < 0.6 ? 1 : 2;
    case 'fight':
      return r < 0.2 ? 1 : 2;
    case 'fire_medical':
      return r < 0.5 ? 1 : 2;
    case 'traffic_accident':
      return r < 0.3 ? 2 : 3;
    case 'missing_person':
      return 2;
    case 'dispute':
      return r < 0.2 ? 2 : 3;
    case 'help_request':
      return r < 0.6 ? 3 : 4;
    case 'theft':
    case 'suspicious':
      return 3;
    case 'noise':
    case 'other':
      return 4;
  }
}

const SERVICE_MEDIAN_MINUTES: Record<IncidentType, number> = {
  knife_attack: 60,
  robbery: 45,
  fight: 30,
  theft: 25,
  dispute: 20,
  traffic_accident: 30,
  help_request: 15,
  missing_person: 45,
  fire_medical: 25,
  suspicious: 15,
  noise: 10,
  other: 15,
};

/** Seconds the first unit spends on scene before clearing (log-normal around the type's median). */
export function serviceSecondsFor(type: IncidentType, rng: Rng): number {
  const s = rng.logNormal(SERVICE_MEDIAN_MINUTES[type] * 60, 0.4);
  return Math.round(Math.min(Math.max(s, 180), 4 * 3600));
}

const CALL_TAKING_MEDIAN_SECONDS: Record<Priority, number> = { 1: 30, 2: 50, 3: 75, 4: 90 };

/** Seconds from pick-up until the dispatcher sends units: faster for urgent calls. */
export function callTakingSecondsFor(priority: Priority, rng: Rng): number {
  const s = rng.logNormal(CALL_TAKING_MEDIAN_SECONDS[priority], 0.35);
  return Math.round(Math.min(Math.max(s, 10), 600));
}

/**
 * Seconds into the call at which the call-taker knows the type and the location and sends units
 * while still on the line (边接警、边派警), uniform over a range by priority: urgent calls are
 * located first. Never after the call is fully taken (`callTakingSeconds`).
 */
export const DISPATCH_READY_SECONDS: Record<Priority, readonly [number, number]> = {
  1: [10, 25],
  2: [10, 30],
  3: [15, 40],
  4: [15, 40],
};

export function dispatchReadySecondsFor(priority: Priority, callTakingSeconds: number, rng: Rng): number {
  const [min, max] = DISPATCH_READY_SECONDS[priority];
  return Math.min(Math.round(rng.range(min, max)), callTakingSeconds);
}

const DESCRIPTIONS: Record<IncidentType, readonly string[]> = {
  knife_attack: ['报警人称有人持刀伤人', '有人持刀威胁路人'],
  robbery: ['报警人称被抢手机', '有人抢夺挎包后逃跑'],
  fight: ['多人打架斗殴', '酒后互殴, 有人受伤'],
  theft: ['电动车被盗', '钱包被扒窃', '店内商品被盗'],
  dispute: ['邻里纠纷', '消费纠纷, 双方争吵', '停车纠纷'],
  traffic_accident: ['两车刮擦, 双方争执', '电动车与轿车相撞, 有人受伤'],
  help_request: ['老人迷路求助', '钥匙锁车内求助', '醉酒人员倒地'],
  missing_person: ['孩子走失', '老人走失未归'],
  fire_medical: ['居民楼冒烟, 需联动消防', '有人晕倒, 需联动120'],
  suspicious: ['可疑人员徘徊', '可疑车辆停放'],
  noise: ['深夜噪音扰民', '广场舞音响扰民'],
  other: ['其他警情'],
};

/** A short call-taker note for the incident. */
export function descriptionFor(type: IncidentType, rng: Rng): string {
  const options = DESCRIPTIONS[type];
  return `[模拟] ${options[rng.int(options.length)] ?? type}`;
}
