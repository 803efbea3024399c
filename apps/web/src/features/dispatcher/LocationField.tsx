import { useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLngLat, parseLngLat } from '../../lib/coordinates.js';
import { searchRoads } from '../../lib/road-index.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useMapDataStore } from '../../stores/map-data-store.js';

/**
 * Where the incident is: typed "lng,lat", a road name picked from the loaded roads, or a
 * click on the map (which writes into this field through the intake store).
 */
export function LocationField({ ref }: { ref?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const text = useIntakeStore((s) => s.locationText);
  const lngLat = useIntakeStore((s) => s.lngLat);
  const places = useMapDataStore((s) => s.roadPlaces);
  const [highlight, setHighlight] = useState(0);
  const [open, setOpen] = useState(false);

  const typed = parseLngLat(text);
  const suggestions = open && !typed ? searchRoads(places, text) : [];

  const choose = (index: number) => {
    const place = suggestions[index];
    if (!place) return;
    useIntakeStore.getState().setLocation(place.lngLat, place.name);
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
        <ul className="suggestions" role="listbox" data-testid="road-suggestions">
          {suggestions.map((place, index) => (
            <li
              key={place.name}
              role="option"
              aria-selected={index === highlight}
              className={index === highlight ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(index);
              }}
            >
              {place.name}
            </li>
          ))}
        </ul>
      )}
      <small className={lngLat ? 'muted' : 'warning'} data-testid="intake-location-status">
        {lngLat
          ? t('intake.locationPicked', {
              lng: formatLngLat(lngLat).split(', ')[0],
              lat: formatLngLat(lngLat).split(', ')[1],
            })
          : text && !typed && suggestions.length === 0
            ? t('intake.locationInvalid')
            : ''}
      </small>
    </div>
  );
}
