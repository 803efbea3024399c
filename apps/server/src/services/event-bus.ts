/**
 * Events leave the server through this bus, and only after their transaction committed:
 * services collect them in an {@link Outbox} and publish it once the write succeeded.
 */
import { EventEmitter } from 'node:events';
import type { ServerToClientEvents } from '@dispatch/contracts';

export type EventName = Extract<keyof ServerToClientEvents, string>;
export type EventPayload<K extends EventName> = Parameters<ServerToClientEvents[K]>[0];

/**
 * Who hears an event: clients in Socket.IO `rooms` (never empty), or, `internal`, only this
 * node's subscribers. Said explicitly, so a forgotten room list is an error, not silence.
 */
export type Audience = { rooms: string[]; internal?: never } | { internal: true; rooms?: never };

export type OutgoingEvent<K extends EventName = EventName> = Audience & {
  name: K;
  payload: EventPayload<K>;
  /**
   * Superseded by the next one of its kind (position batches): not kept for clients that
   * reconnect (connection-state recovery), and skipped for a client that is not ready for it.
   */
  volatile?: boolean;
};

export class EventBus {
  private readonly emitter = new EventEmitter();

  publish(events: readonly OutgoingEvent[]): void {
    for (const event of events) this.emitter.emit('event', event);
  }

  subscribe(listener: (event: OutgoingEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

/** Events gathered during one transaction, published after it commits. */
export class Outbox {
  readonly events: OutgoingEvent[] = [];

  add<K extends EventName>(name: K, payload: EventPayload<K>, rooms: string[]): void {
    this.events.push({ name, payload, rooms } as OutgoingEvent);
  }
}
