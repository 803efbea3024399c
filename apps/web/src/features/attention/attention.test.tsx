import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T0, iso, makeAssignment, makeIncident } from '../../test/fixtures.js';
import type { AttentionOutput } from './attention-output.js';
import { useAttentionStore } from './attention-store.js';
import { dispatcherAlerts, UNANSWERED_SECONDS } from './dispatcher-alerts.js';
import { RING_EVERY_MS, useTerminalAlert } from './use-terminal-alert.js';
import type { ActiveAssignment } from '../../lib/active-assignment.js';

const fakeOutput = () =>
  ({
    unlock: vi.fn(async () => true),
    tone: vi.fn(),
    vibrate: vi.fn(),
    notify: vi.fn(),
    speak: vi.fn(),
  }) satisfies AttentionOutput;

describe('dispatcher and wall alerts', () => {
  const targets = DEFAULT_CLOCK_TARGETS;
  it('rings once for a new priority-1 call, never for what was on the board at opening', () => {
    const old = makeIncident({ id: 'old', priority: 1, receivedAt: iso(T0) });
    const first = dispatcherAlerts(null, [old], T0 + 1000, targets);
    expect(first.alerts).toEqual([]);
    const p1 = makeIncident({ id: 'new', number: 'n2', priority: 1, receivedAt: iso(T0 + 2000) });
    const second = dispatcherAlerts(first.memory, [old, p1], T0 + 3000, targets);
    expect(second.alerts).toEqual(['priority1']);
    expect(dispatcherAlerts(second.memory, [old, p1], T0 + 4000, targets).alerts).toEqual([]);
    const p3 = makeIncident({ id: 'p3', number: 'n3', priority: 3, receivedAt: iso(T0 + 4000) });
    expect(dispatcherAlerts(second.memory, [old, p1, p3], T0 + 5000, targets).alerts).toEqual([]);
  });

  it('rings when a clock breaches, and for an assignment unanswered for a minute', () => {
    const call = makeIncident({ id: 'c', priority: 2, status: 'received', receivedAt: iso(T0) });
    let step = dispatcherAlerts(null, [call], T0 + 10_000, targets);
    // The dispatch clock (1 minute) runs out.
    step = dispatcherAlerts(step.memory, [call], T0 + (targets.dispatchSeconds + 1) * 1000, targets);
    expect(step.alerts).toContain('breach');
    const sent = makeIncident({
      id: 'c',
      priority: 2,
      status: 'dispatched',
      receivedAt: iso(T0),
      assignments: [
        makeAssignment({ id: 'a', incidentId: 'c', status: 'assigned', assignedAt: iso(T0 + 70_000) }),
      ],
    });
    step = dispatcherAlerts(step.memory, [sent], T0 + 80_000, targets);
    expect(step.alerts).not.toContain('unanswered');
    step = dispatcherAlerts(step.memory, [sent], T0 + 70_000 + UNANSWERED_SECONDS * 1000 + 1, targets);
    expect(step.alerts).toContain('unanswered');
    expect(dispatcherAlerts(step.memory, [sent], T0 + 200_000, targets).alerts).not.toContain('unanswered');
  });
});

function Terminal({ active, output }: { active: ActiveAssignment | null; output: AttentionOutput }) {
  useTerminalAlert(active, output);
  return null;
}

describe('unit terminal alert', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    useAttentionStore.setState({ muted: {}, enabled: {} });
  });
  afterEach(() => vi.useRealTimers());

  const job = (status: 'assigned' | 'accepted'): ActiveAssignment => {
    const assignment = makeAssignment({ id: 'a1', status });
    return {
      incident: makeIncident({ type: 'fight', address: '人民路 12 号', assignments: [assignment] }),
      assignment,
    };
  };

  it('rings, vibrates, notifies and reads the job aloud, repeats until accepted, flashes the title', () => {
    const output = fakeOutput();
    document.title = 'terminal';
    const { rerender } = render(<Terminal active={job('assigned')} output={output} />);
    expect(output.tone).toHaveBeenCalledWith('assignment');
    expect(output.vibrate).toHaveBeenCalled();
    expect(output.notify).toHaveBeenCalledWith(expect.stringContaining('打架斗殴'), '人民路 12 号');
    expect(output.speak).toHaveBeenCalledWith(expect.stringContaining('人民路 12 号'), expect.any(String));
    vi.advanceTimersByTime(RING_EVERY_MS * 2);
    expect(output.tone).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1000);
    expect(document.title).toContain('打架斗殴');
    rerender(<Terminal active={job('accepted')} output={output} />);
    vi.advanceTimersByTime(RING_EVERY_MS * 3);
    expect(output.tone).toHaveBeenCalledTimes(3);
    expect(document.title).toBe('terminal');
  });

  it('muted: no sound, no voice, no vibration; the notification and the title still say it', () => {
    useAttentionStore.getState().setMuted('terminal', true);
    const output = fakeOutput();
    render(<Terminal active={job('assigned')} output={output} />);
    vi.advanceTimersByTime(RING_EVERY_MS * 2);
    expect(output.tone).not.toHaveBeenCalled();
    expect(output.speak).not.toHaveBeenCalled();
    expect(output.vibrate).not.toHaveBeenCalled();
    expect(output.notify).toHaveBeenCalled();
  });
});
