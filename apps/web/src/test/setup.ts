import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../i18n/index.js';

initI18n('zh-CN');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
