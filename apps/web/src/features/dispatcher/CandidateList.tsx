import type { RecommendationDto, RecommendationsDto } from '@dispatch/contracts';
import { useTranslation } from 'react-i18next';
import { etaMinutes, formatDistance } from '../../lib/format.js';

export interface CandidateListProps {
  recommendations: RecommendationsDto | null;
  selectedIds: readonly string[];
  onToggle: (unitId: string) => void;
  /** Show number-key hints (call intake). */
  numbered?: boolean;
}

function Reasons({ candidate }: { candidate: RecommendationDto }) {
  const { t } = useTranslation();
  return (
    <span className="reasons">
      {candidate.reasons
        .filter((r) => r.code !== 'ETA')
        .map((r, i) => {
          // Parameters that are themselves domain codes are shown in the user's language.
          const params: Record<string, unknown> = { ...r.params };
          if (typeof params.capability === 'string') params.capability = t(`capability.${params.capability}`);
          if (typeof params.kind === 'string') params.kind = t(`unitKind.${params.kind}`);
          return (
            <span key={`${r.code}-${i}`} className={`reason reason-${r.code.toLowerCase()}`}>
              {t(`reasons.${r.code}`, { defaultValue: r.code, ...params })}
            </span>
          );
        })}
    </span>
  );
}

/** Ranked units with ETA, distance, plan tier and the reasons of the ranking. */
export function CandidateList({
  recommendations,
  selectedIds,
  onToggle,
  numbered = false,
}: CandidateListProps) {
  const { t } = useTranslation();
  if (!recommendations) return null;
  return (
    <div className="candidates" data-testid="candidates">
      {recommendations.straightLine && (
        <p className="warning" data-testid="straight-line-warning">
          {t('intake.straightLine')}
        </p>
      )}
      {recommendations.candidates.length === 0 && <p className="muted">{t('intake.noCandidates')}</p>}
      <ul>
        {recommendations.candidates.map((c, index) => {
          const selected = selectedIds.includes(c.unitId);
          return (
            <li
              key={c.unitId}
              className={`candidate ${selected ? 'selected' : ''} ${c.reachable ? '' : 'unreachable'}`}
              data-testid="candidate-row"
              data-unit-id={c.unitId}
              data-selected={selected}
            >
              <label>
                <input type="checkbox" checked={selected} onChange={() => onToggle(c.unitId)} />
                {numbered && index < 9 && <kbd>{index + 1}</kbd>}
                <strong className="callsign">{c.callSign}</strong>
                <span className="muted">{t(`unitKind.${c.kind}`)}</span>
                <span className={`status-dot status-${c.status}`} title={t(`unitStatus.${c.status}`)} />
                <span className="eta" title={t(`etaMethod.${c.method}`)}>
                  {t('common.minutes', { count: etaMinutes(c.etaSeconds) })}
                  {c.method === 'straight_line' && ' ~'}
                </span>
                <span className="muted">{formatDistance(c.distanceMeters)}</span>
                {c.tier !== null && <span className="tier">{t('intake.tier', { tier: c.tier })}</span>}
              </label>
              <Reasons candidate={c} />
            </li>
          );
        })}
      </ul>
      {recommendations.shortfalls.map((s) => (
        <p key={s.tier} className="warning">
          {t('intake.shortfall', { tier: s.tier, missing: s.missing })}
        </p>
      ))}
    </div>
  );
}
