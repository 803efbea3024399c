import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { sendPosition } from '../../realtime/socket-client.js';

const INTERVAL_KEY = 'dispatch.reportIntervalSeconds';
export const DEFAULT_REPORT_INTERVAL_SECONDS = 10;

export function storedReportInterval(): number {
  const value = Number(localStorage.getItem(INTERVAL_KEY));
  return Number.isFinite(value) && value >= 1 ? value : DEFAULT_REPORT_INTERVAL_SECONDS;
}

export function storeReportInterval(seconds: number): void {
  localStorage.setItem(INTERVAL_KEY, String(seconds));
}

export interface ReporterState {
  lastReportAt: number | null;
  error: boolean;
}

/**
 * Watches the device position and reports the latest fix every `intervalSeconds` over the
 * socket (REST when the socket is down).
 */
export function usePositionReporter(unitId: string | null, intervalSeconds: number): ReporterState {
  const fix = useRef<GeolocationPosition | null>(null);
  const hasGeolocation = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const [state, setState] = useState<ReporterState>({ lastReportAt: null, error: false });

  useEffect(() => {
    if (!unitId || !hasGeolocation) return;
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        fix.current = position;
        setState((s) => (s.error ? { ...s, error: false } : s));
      },
      () => setState((s) => ({ ...s, error: true })),
      { enableHighAccuracy: true, maximumAge: 5000 },
    );
    const timer = setInterval(() => {
      const position = fix.current;
      if (!position) return;
      const { longitude, latitude, heading, speed } = position.coords;
      const report = {
        lng: longitude,
        lat: latitude,
        headingDeg: heading !== null && Number.isFinite(heading) ? heading : undefined,
        speedMps: speed !== null && Number.isFinite(speed) ? Math.min(speed, 100) : undefined,
        at: new Date(position.timestamp).toISOString(),
      };
      void sendPosition(report).then(async (delivery) => {
        // REST only when there was no socket to send it on: a report the server refused
        // (overloaded) or did not answer in time is not sent twice; the next interval follows.
        const taken =
          delivery === 'sent' ||
          (delivery === 'offline' &&
            (await api.reportPosition(unitId, report).then(
              () => true,
              () => false,
            )));
        // "Last reported" is the last report the server took.
        if (taken) setState({ lastReportAt: Date.now(), error: false });
      });
    }, intervalSeconds * 1000);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(timer);
    };
  }, [unitId, intervalSeconds, hasGeolocation]);

  return hasGeolocation ? state : { ...state, error: true };
}
