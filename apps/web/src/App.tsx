import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell.js';
import { LockScreen } from './features/auth/LockScreen.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { RequireAuth } from './features/auth/RequireAuth.js';
import { useIdleLock } from './features/auth/use-idle-lock.js';
import { useSessionBootstrap } from './features/auth/use-session-bootstrap.js';
import { useSessionStore } from './stores/session-store.js';
import { DispatcherPage } from './features/dispatcher/DispatcherPage.js';
import { RequireReportAccess } from './features/reports/RequireReportAccess.js';
import { SupervisorPage } from './features/supervisor/SupervisorPage.js';
import { UnitTerminalPage } from './features/unit/UnitTerminalPage.js';
import { WallPage } from './features/wall/WallPage.js';
import { useLiveData } from './realtime/use-live-data.js';

// The reports page (and echarts with it) loads on first visit, outside the main bundle.
const ReportsPage = lazy(() =>
  import('./features/reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })),
);

export function App() {
  useSessionBootstrap();
  useIdleLock();
  useLiveData();
  const locked = useSessionStore((s) => s.status === 'locked');
  if (locked) return <LockScreen />;
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/wall"
          element={
            <RequireAuth page="wall">
              <WallPage />
            </RequireAuth>
          }
        />
        <Route
          path="/unit"
          element={
            <RequireAuth page="unit">
              <UnitTerminalPage />
            </RequireAuth>
          }
        />
        <Route element={<AppShell />}>
          <Route
            index
            element={
              <RequireAuth page="dispatcher">
                <DispatcherPage />
              </RequireAuth>
            }
          />
          <Route
            path="/reports"
            element={
              // Any signed-in staff page, then report.read (roles.ts has no report page key).
              <RequireAuth page="wall">
                <RequireReportAccess>
                  <Suspense fallback={null}>
                    <ReportsPage />
                  </Suspense>
                </RequireReportAccess>
              </RequireAuth>
            }
          />
          <Route
            path="/grids"
            element={
              <RequireAuth page="grids">
                <SupervisorPage />
              </RequireAuth>
            }
          />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
