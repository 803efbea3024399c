import type { GeocodeHitDto } from '@dispatch/contracts';
import { useEffect, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaceSearch } from '../../hooks/use-place-search.js';
import { useReverseGeocode } from '../../hooks/use-reverse-geocode.js';
import { formatLngLat, parseLngLat } from '../../lib/coordinates.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useMapDataStore } from '../../stores/map-data-store.js';
import { useUiStore } from '../../stores/ui-store.js';

function distanceText(m: number | null): string {
  if (m === null) return '';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

/**
 * Where the incident is: a place, address, road or junction found as one types (the server's
 * gazetteer; pinyin, initials and typos too), typed "lng,lat", or a click on the map (which
 * writes into this field through the intake store). The picked point is read back as
 * 「X路, 近Y (50 米)」.
 */
export function LocationField({ ref }: { ref?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const text = useIntakeStore((s) => s.locationText);
  const lngLat = useIntakeStore((s) => s.lngLat);
  const roads = useMapDataStore((s) => s.roadPlaces);
  const [highlight, setHighlight] = useState(0);
  const [open, setOpen] = useState(false);

  const typed = parseLngLat(text);
  const { hits } = usePlaceSearch(text, lngLat, roads, open && !typed);
  const suggestions = open && !typed ? hits : [];
  const placeText = useReverseGeocode(lngLat);
  // A point clicked on the map gets its name as the address, unless the call-taker typed one.
  useEffect(() => {
    if (lngLat && placeText) useIntakeStore.getState().fillAddressFromMap(lngLat, placeText);
  }, [lngLat, placeText]);

  const choose = (index: number) => {
    const hit = suggestions[index];
    if (!hit) return;
    const address = hit.address && hit.address !== hit.name ? `${hit.name} (${hit.address})` : hit.name;
    useIntakeStore.getState().setLocation(hit.lngLat, hit.name, address);
    // The call-taker sees the place (and the units around it) while still talking.
    useUiStore.getState().requestFlyTo(hit.lngLat, 16);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, suggestions.length - 1));
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      if (suggestions.length > 0) {
        event.preventDefault();
        choose(Math.min(highlight, suggestions.length - 1));
      } else if (typed && (!lngLat || typed[0] !== lngLat[0] || typed[1] !== lngLat[1])) {
        // First Enter takes the typed coordinates (units get ranked); the next one submits.
        event.preventDefault();
        useIntakeStore.getState().setLocation(typed);
      }
    } else if (event.key === 'Escape' && open && suggestions.length > 0) {
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="field location-field">
      <label htmlFor="intake-location">{t('intake.location')}</label>
      <input
        id="intake-location"
        ref={ref}
        data-testid="intake-location"
        autoComplete="off"
        placeholder={t('intake.locationPlaceholder')}
        value={text}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls="intake-location-hits"
        onChange={(e) => {
          useIntakeStore.getState().setText('locationText', e.target.value);
          setOpen(true);
          setHighlight(0);
        }}
        onBlur={() => {
          setOpen(false);
          if (typed && (!lngLat || typed[0] !== lngLat[0] || typed[1] !== lngLat[1])) {
            useIntakeStore.getState().setLocation(typed);
          }
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul className="suggestions" role="listbox" id="intake-location-hits" data-testid="place-suggestions">
          {suggestions.map((hit, index) => (
            <PlaceHit key={hit.id} hit={hit} active={index === highlight} onChoose={() => choose(index)} />
          ))}
        </ul>
      )}
      <small className={lngLat ? 'muted' : 'warning'} data-testid="intake-location-status">
        {lngLat
          ? placeText
            ? t('intake.locationNamed', { place: placeText })
            : t('intake.locationPicked', {
                lng: formatLngLat(lngLat).split(', ')[0],
                lat: formatLngLat(lngLat).split(', ')[1],
              })
          : text && !typed && open && suggestions.length === 0
            ? t('intake.locationSearching')
            : text && !typed && !open
              ? t('intake.locationInvalid')
              : ''}
      </small>
    </div>
  );
}

function PlaceHit({ hit, active, onChoose }: { hit: GeocodeHitDto; active: boolean; onChoose: () => void }) {
  const { t } = useTranslation();
  const detail = [
    t(`geocode.kind.${hit.kind}`),
    hit.address && hit.address !== hit.name ? hit.address : null,
    hit.matched !== hit.name ? `“${hit.matched}”` : null,
    distanceText(hit.distanceMeters),
  ].filter(Boolean);
  return (
    <li
      role="option"
      aria-selected={active}
      className={active ? 'active' : ''}
      data-kind={hit.kind}
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose();
      }}
    >
      <span className="hit-name">{hit.name}</span>
      {hit.keyPlace && (
        <span className="pill key-place" data-testid="key-place">
          {t(`geocode.keyPlace.${hit.keyPlace}`, { defaultValue: hit.keyPlace })}
        </span>
      )}
      <small className="muted hit-detail">{detail.join(' · ')}</small>
    </li>
  );
}
