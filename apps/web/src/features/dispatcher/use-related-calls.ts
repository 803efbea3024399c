import type { RelatedCallsDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useIntakeStore } from '../../stores/intake-store.js';

/**
 * Open incidents the call being taken may be about, and its place's history, as soon as the
 * location is placed; asked again when the type or the phone changes. Stale answers dropped.
 */
export function useRelatedCalls(debounceMs = 300): RelatedCallsDto | null {
  const active = useIntakeStore((s) => s.active);
  const lngLat = useIntakeStore((s) => s.lngLat);
  const type = useIntakeStore((s) => s.type);
  const phone = useIntakeStore((s) => s.callerPhone.trim());
  const [answer, setAnswer] = useState<{ key: string; dto: RelatedCallsDto } | null>(null);
  const validPhone = /^[0-9+\- ]{5,32}$/.test(phone) ? phone : '';
  const key = active && lngLat ? `${lngLat[0]},${lngLat[1]},${type ?? ''},${validPhone}` : '';
  useEffect(() => {
    if (!key || !lngLat) return;
    let stale = false;
    const timer = setTimeout(() => {
      api
        .relatedCalls({
          lng: lngLat[0],
          lat: lngLat[1],
          ...(type ? { type } : {}),
          ...(validPhone ? { phone: validPhone } : {}),
        })
        .then(
          (dto) => !stale && setAnswer({ key, dto }),
          () => undefined,
        );
    }, debounceMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, debounceMs]);
  return key && answer?.key === key ? answer.dto : null;
}
