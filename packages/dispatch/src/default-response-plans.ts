/**
 * Default response plans. Figures follow the usual city practice: violent incidents get a
 * converging response (nearest cars at once, then the next ring within 5 minutes); routine
 * calls get one unit.
 */
import type { UnitKind } from '@dispatch/domain';
import type { PlanSlot, ResponsePlan } from './response-plan.js';

const POLICE: readonly UnitKind[] = ['patrol_car', 'motorcycle', 'foot_patrol', 'post'];
const MOBILE: readonly UnitKind[] = ['patrol_car', 'motorcycle'];
const FIVE_MINUTES = 300;

const responders = (count: number, kinds: readonly UnitKind[] = POLICE): PlanSlot => ({
  kinds,
  count,
  role: 'responder',
});
const droneSupport: PlanSlot = { kinds: ['drone'], count: 1, role: 'support' };

function oneUnit(
  id: string,
  type: ResponsePlan['incidentType'],
  slot: PlanSlot = responders(1),
): ResponsePlan {
  return {
    id,
    incidentType: type,
    priorities: null,
    tiers: [{ tier: 1, maxEtaSeconds: null, slots: [slot] }],
    autoDispatch: false,
    requiredUnits: slot.role === 'responder' ? slot.count : 1,
    linkedServices: [],
  };
}

export const DEFAULT_RESPONSE_PLANS: readonly ResponsePlan[] = [
  {
    id: 'knife-attack-urgent',
    incidentType: 'knife_attack',
    priorities: [1, 2],
    tiers: [
      { tier: 1, maxEtaSeconds: null, slots: [responders(2, ['patrol_car']), responders(1, ['motorcycle'])] },
      { tier: 2, maxEtaSeconds: FIVE_MINUTES, slots: [responders(4), droneSupport] },
    ],
    autoDispatch: true,
    requiredUnits: 3,
    linkedServices: ['ambulance_120'],
  },
  {
    id: 'robbery-urgent',
    incidentType: 'robbery',
    priorities: [1, 2],
    tiers: [
      { tier: 1, maxEtaSeconds: null, slots: [responders(1, ['patrol_car']), responders(1, ['motorcycle'])] },
      { tier: 2, maxEtaSeconds: FIVE_MINUTES, slots: [responders(2), droneSupport] },
    ],
    autoDispatch: true,
    requiredUnits: 2,
    linkedServices: [],
  },
  {
    id: 'fight',
    incidentType: 'fight',
    priorities: null,
    tiers: [
      { tier: 1, maxEtaSeconds: null, slots: [responders(2)] },
      { tier: 2, maxEtaSeconds: FIVE_MINUTES, slots: [responders(2), droneSupport] },
    ],
    autoDispatch: false,
    requiredUnits: 2,
    linkedServices: [],
  },
  {
    id: 'traffic-accident',
    incidentType: 'traffic_accident',
    priorities: null,
    tiers: [
      {
        tier: 1,
        maxEtaSeconds: null,
        slots: [{ kinds: ['patrol_car'], count: 1, role: 'responder', preferredCapability: 'traffic' }],
      },
    ],
    autoDispatch: false,
    requiredUnits: 1,
    linkedServices: ['traffic_122'],
  },
  {
    id: 'fire-medical',
    incidentType: 'fire_medical',
    priorities: null,
    tiers: [
      {
        tier: 1,
        maxEtaSeconds: null,
        slots: [{ kinds: MOBILE, count: 1, role: 'responder', preferredCapability: 'medical' }],
      },
      { tier: 2, maxEtaSeconds: FIVE_MINUTES, slots: [responders(1), droneSupport] },
    ],
    autoDispatch: false,
    requiredUnits: 1,
    linkedServices: ['fire_119', 'ambulance_120'],
  },
  {
    id: 'missing-person',
    incidentType: 'missing_person',
    priorities: null,
    tiers: [{ tier: 1, maxEtaSeconds: null, slots: [responders(1), droneSupport] }],
    autoDispatch: false,
    requiredUnits: 1,
    linkedServices: [],
  },
  oneUnit('robbery', 'robbery', responders(1, MOBILE)),
  oneUnit('knife-attack', 'knife_attack', responders(2)),
  oneUnit('theft', 'theft'),
  oneUnit('dispute', 'dispute'),
  oneUnit('help-request', 'help_request', { kinds: [...POLICE, 'partner'], count: 1, role: 'responder' }),
  oneUnit('suspicious', 'suspicious'),
  oneUnit('noise', 'noise', { kinds: [...POLICE, 'partner'], count: 1, role: 'responder' }),
  oneUnit('default', '*'),
];
