import { useEffect, useRef } from 'react';

/** True when typing into this element should not trigger single-key shortcuts. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      target.type !== 'checkbox' &&
      target.type !== 'radio' &&
      target.type !== 'button')
  );
}

/** Calls `handler` for an unmodified `key` pressed anywhere outside an editable field. */
export function useGlobalShortcut(keys: readonly string[], handler: (event: KeyboardEvent) => void): void {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  }, [handler]);
  const keyList = keys.join('\u0000');
  useEffect(() => {
    const wanted = keyList.split('\u0000');
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (!wanted.includes(event.key) || isEditable(event.target)) return;
      handlerRef.current(event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [keyList]);
}
