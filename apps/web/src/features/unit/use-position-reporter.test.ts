import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PositionDelivery } from '../../realtime/socket-client.js';
import { usePositionReporter } from './use-position-reporter.js';

const api = vi.hoisted(() => ({ reportPosition: vi.fn() }));
vi.mock('../../api/client.js', () => ({ api }));
const socket = vi.hoisted(() => ({ sendPosition: vi.fn() }));
vi.mock('../../realtime/socket-client.js', () => socket);

describe('usePositionReporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.clearAllMocks();
    api.reportPosition.mockResolvedValue(undefined);
    const fix = {
      coords: { longitude: 120.15, latitude: 30.25, heading: 90, speed: 8 },
      timestamp: Date.now(),
    };
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        watchPosition: (onFix: (p: typeof fix) => void) => {
          onFix(fix);
          return 1;
        },
        clearWatch: vi.fn(),
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const reportOnce = async (delivery: PositionDelivery) => {
    socket.sendPosition.mockResolvedValue(delivery);
    const { result, unmount } = renderHook(() => usePositionReporter('u1', 10));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    const state = result.current;
    unmount();
    expect(socket.sendPosition).toHaveBeenCalledTimes(1);
    expect(socket.sendPosition.mock.calls[0]![0]).toMatchObject({ lng: 120.15, lat: 30.25, headingDeg: 90 });
    return state;
  };

  it('reports over the socket, and through REST only when there is no socket', async () => {
    expect((await reportOnce('offline')).lastReportAt).not.toBeNull();
    expect(api.reportPosition).toHaveBeenCalledWith('u1', expect.objectContaining({ lng: 120.15 }));
  });

  it('shows no report taken when neither the socket nor REST could deliver it', async () => {
    api.reportPosition.mockRejectedValue(new Error('503'));
    expect((await reportOnce('offline')).lastReportAt).toBeNull();
  });

  it('does not send a refused (overloaded) or unanswered report again through REST', async () => {
    expect((await reportOnce('refused')).lastReportAt).toBeNull();
    expect(api.reportPosition).not.toHaveBeenCalled();
    vi.clearAllMocks();
    await reportOnce('unknown');
    expect(api.reportPosition).not.toHaveBeenCalled();
  });

  it('sends a delivered report once and shows when', async () => {
    expect((await reportOnce('sent')).lastReportAt).not.toBeNull();
    expect(api.reportPosition).not.toHaveBeenCalled();
  });
});
