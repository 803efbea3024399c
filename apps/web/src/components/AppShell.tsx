import { Outlet } from 'react-router';
import { AppHeader } from './AppHeader.js';
import { Notices } from './Notices.js';

/** Header + page, for the console pages (the wall and the unit terminal have their own frames). */
export function AppShell() {
  return (
    <div className="app-shell">
      <AppHeader />
      <div className="app-body">
        <Outlet />
      </div>
      <Notices />
    </div>
  );
}
