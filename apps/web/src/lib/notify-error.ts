import { errorCode } from '../api/api-error.js';
import { useUiStore } from '../stores/ui-store.js';

/** Shows a failed request as a translated notice (`errors.<code>`). */
export function notifyError(error: unknown): void {
  useUiStore.getState().notify({ level: 'error', key: `errors.${errorCode(error)}` });
}
