import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { T0, iso, makeAssignment, makeIncident } from '../test/fixtures.js';
import { incidentClocks, isBreached, worstWarning } from './incident-clocks.js';

const at = (seconds: number) => T0 + seconds * 1000;

describe('incident clocks', () => {
  it('turns the dispatch clock amber at 2/3 of 60 s and red at 60 s', () => {
    const incident = makeIncident();
    expect(incidentClocks(incident, at(39.9), DEFAULT_CLOCK_TARGETS).dispatch.warning).toBe('ok');
    expect(incidentClocks(incident, at(40), DEFAULT_CLOCK_TARGETS).dispatch.warning).toBe('amber');
    expect(incidentClocks(incident, at(59.9), DEFAULT_CLOCK_TARGETS).dispatch.warning).toBe('amber');
    expect(incidentClocks(incident, at(60), DEFAULT_CLOCK_TARGETS).dispatch.warning).toBe('red');
  });

  it('stops the dispatch clock at the first dispatch and runs the arrival clock to 180 s', () => {
    const incident = makeIncident({ status: 'dispatched', firstDispatchedAt: iso(at(30)) });
    const clocks = incidentClocks(incident, at(150), DEFAULT_CLOCK_TARGETS);
    expect(clocks.dispatch.state).toBe('met');
    expect(clocks.dispatch.elapsedSeconds).toBe(30);
    expect(clocks.first_arrival.warning).toBe('amber');
    expect(incidentClocks(incident, at(119), DEFAULT_CLOCK_TARGETS).first_arrival.warning).toBe('ok');
    expect(incidentClocks(incident, at(180), DEFAULT_CLOCK_TARGETS).first_arrival.warning).toBe('red');
  });

  it('applies the reinforcement clock only when more than one unit is required', () => {
    const single = makeIncident({ requiredUnits: 1 });
    expect(incidentClocks(single, at(400), DEFAULT_CLOCK_TARGETS).reinforcement.state).toBe('not_applicable');
    const double = makeIncident({
      requiredUnits: 2,
      firstDispatchedAt: iso(at(20)),
      firstOnSceneAt: iso(at(150)),
      assignments: [makeAssignment({ onSceneAt: iso(at(150)), status: 'on_scene' })],
    });
    expect(incidentClocks(double, at(199), DEFAULT_CLOCK_TARGETS).reinforcement.warning).toBe('ok');
    expect(incidentClocks(double, at(200), DEFAULT_CLOCK_TARGETS).reinforcement.warning).toBe('amber');
    expect(incidentClocks(double, at(300), DEFAULT_CLOCK_TARGETS).reinforcement.warning).toBe('red');
  });

  it('uses configured targets', () => {
    const incident = makeIncident();
    const targets = { dispatchSeconds: 30, firstArrivalSeconds: 120, reinforcementSeconds: 240 };
    expect(incidentClocks(incident, at(20), targets).dispatch.warning).toBe('amber');
    expect(isBreached(incident, at(30), targets)).toBe(true);
    expect(isBreached(incident, at(29), targets)).toBe(false);
  });

  it('reports the worst warning of the three', () => {
    const incident = makeIncident({ firstDispatchedAt: iso(at(10)) });
    expect(worstWarning(incidentClocks(incident, at(100), DEFAULT_CLOCK_TARGETS))).toBe('ok');
    expect(worstWarning(incidentClocks(incident, at(130), DEFAULT_CLOCK_TARGETS))).toBe('amber');
    expect(worstWarning(incidentClocks(incident, at(181), DEFAULT_CLOCK_TARGETS))).toBe('red');
  });
});
