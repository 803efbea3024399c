import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { dropUrlToken } from './features/auth/url-token.js';
import { initI18n } from './i18n/index.js';
import './styles/base.css';
import './styles/console.css';
import './styles/wall.css';
import './styles/terminal.css';

dropUrlToken(window.location, window.history);
const i18n = initI18n();
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
