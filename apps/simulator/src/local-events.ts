/**
 * The in-process console's event fan-out: what each screen (the wall, a unit's room) hears. A
 * change queues its events and they go out once it is done, in order, as the server publishes
 * after its commit.
 */
import type { ServerToClientEvents } from '@dispatch/contracts';
import type { ConsoleEvents } from './console-port.js';

type Handlers = { [K in keyof ServerToClientEvents]?: ServerToClientEvents[K][] };
type Emit = { scopes: string[]; name: keyof ServerToClientEvents; payload: unknown };

export class LocalEvents {
  private readonly handlers = new Map<string, Handlers>();
  private outbox: Emit[] = [];

  listener(scope: string): ConsoleEvents {
    return {
      on: (name, handler) => {
        const handlers = this.handlers.get(scope) ?? {};
        ((handlers[name] ??= []) as unknown[]).push(handler);
        this.handlers.set(scope, handlers);
      },
    };
  }

  /** Queues an event for `scopes` (a copy: later changes do not leak into it). */
  emit(name: keyof ServerToClientEvents, payload: unknown, scopes: string[]): void {
    this.outbox.push({ name, payload: structuredClone(payload), scopes });
  }

  /** Delivers the queued events in order. */
  flush(): void {
    const events = this.outbox;
    this.outbox = [];
    for (const e of events) {
      for (const scope of e.scopes) {
        for (const handler of this.handlers.get(scope)?.[e.name] ?? [])
          (handler as (payload: unknown) => void)(e.payload);
      }
    }
  }
}
