import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useClockStore } from '../../stores/clock-store.js';
import { T0, iso, makeIncident } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { IncidentRow } from './IncidentRow.js';

const setNow = (seconds: number) => act(() => useClockStore.setState({ now: T0 + seconds * 1000 }));
const warning = (name: string) => screen.getByTestId(`clock-${name}`).dataset.warning;

describe('IncidentRow clocks', () => {
  beforeEach(() => resetStores(T0));

  it('turns the dispatch clock amber at 40 s and red at 60 s, live from the clock store', () => {
    render(<IncidentRow incident={makeIncident()} selected={false} onSelect={() => undefined} />);
    setNow(39);
    expect(warning('dispatch')).toBe('ok');
    expect(screen.getByTestId('clock-dispatch').textContent).toContain('0:39');
    setNow(40);
    expect(warning('dispatch')).toBe('amber');
    setNow(60);
    expect(warning('dispatch')).toBe('red');
    expect(screen.getByTestId('incident-row').className).toContain('warning-red');
    expect(screen.getByTestId('clock-reinforcement').dataset.state).toBe('not_applicable');
  });

  it('shows a met dispatch clock stopped at its milestone while the arrival clock runs on', () => {
    const incident = makeIncident({ status: 'dispatched', firstDispatchedAt: iso(T0 + 25_000) });
    render(<IncidentRow incident={incident} selected={false} onSelect={() => undefined} />);
    setNow(125);
    expect(screen.getByTestId('clock-dispatch').dataset.state).toBe('met');
    expect(screen.getByTestId('clock-dispatch').textContent).toContain('0:25');
    expect(warning('first_arrival')).toBe('amber');
    setNow(180);
    expect(warning('first_arrival')).toBe('red');
  });

  it('honours the configured targets', () => {
    act(() =>
      useClockStore.setState({
        targets: { dispatchSeconds: 90, firstArrivalSeconds: 300, reinforcementSeconds: 600 },
      }),
    );
    render(<IncidentRow incident={makeIncident()} selected={false} onSelect={() => undefined} />);
    setNow(59);
    expect(warning('dispatch')).toBe('ok');
    setNow(60);
    expect(warning('dispatch')).toBe('amber');
  });
});
