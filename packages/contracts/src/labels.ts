/**
 * Names of the shared vocabulary as people read them, in each console language: the web's i18n
 * and the server's report export both read these, so an export and a screen never name a type
 * differently.
 */
import type { IncidentStatus, IncidentType } from '@dispatch/domain';

export type LabelLanguage = 'zh-CN' | 'en';

export const INCIDENT_TYPE_LABELS: Readonly<Record<LabelLanguage, Readonly<Record<IncidentType, string>>>> = {
  'zh-CN': {
    knife_attack: '持刀伤人',
    robbery: '抢劫',
    fight: '打架斗殴',
    theft: '盗窃',
    dispute: '纠纷',
    traffic_accident: '交通事故',
    help_request: '求助',
    missing_person: '人员走失',
    fire_medical: '火灾/急救',
    suspicious: '可疑情况',
    noise: '噪音扰民',
    other: '其他',
  },
  en: {
    knife_attack: 'Knife attack',
    robbery: 'Robbery',
    fight: 'Fight',
    theft: 'Theft',
    dispute: 'Dispute',
    traffic_accident: 'Traffic accident',
    help_request: 'Request for help',
    missing_person: 'Missing person',
    fire_medical: 'Fire / medical',
    suspicious: 'Suspicious activity',
    noise: 'Noise',
    other: 'Other',
  },
};

export const INCIDENT_STATUS_LABELS: Readonly<
  Record<LabelLanguage, Readonly<Record<IncidentStatus, string>>>
> = {
  'zh-CN': {
    received: '待派警',
    dispatched: '已派警',
    en_route: '出警中',
    on_scene: '已到场',
    resolved: '已处置',
    closed: '已结案',
    cancelled: '已撤销',
  },
  en: {
    received: 'Received',
    dispatched: 'Dispatched',
    en_route: 'En route',
    on_scene: 'On scene',
    resolved: 'Resolved',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
};
