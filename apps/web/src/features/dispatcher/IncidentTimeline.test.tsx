import type { AuditEventDto } from '@dispatch/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { T0, iso, makeAssignment } from '../../test/fixtures.js';
import { IncidentTimeline } from './IncidentTimeline.js';

const event = (overrides: Partial<AuditEventDto>): AuditEventDto => ({
  id: '1',
  at: iso(T0),
  actorId: null,
  actorName: 'dispatcher',
  action: 'incident.create',
  entityType: 'incident',
  entityId: 'i1',
  before: null,
  after: null,
  ...overrides,
});

describe('IncidentTimeline', () => {
  it('translates actions and names the unit of each assignment event', () => {
    render(
      <IncidentTimeline
        events={[
          event({ id: '1' }),
          event({ id: '2', action: 'assignment.create', entityType: 'assignment', entityId: 'a1' }),
          event({ id: '3', action: 'assignment.on_scene', entityType: 'assignment', entityId: 'a1' }),
        ]}
        assignments={[makeAssignment({ id: 'a1', callSign: '北山-巡01' })]}
      />,
    );
    const items = screen.getByTestId('incident-timeline').querySelectorAll('li');
    expect([...items].map((li) => li.children[1]?.textContent)).toEqual([
      '登记警情',
      '指派 北山-巡01',
      '到达现场 北山-巡01',
    ]);
  });
});
