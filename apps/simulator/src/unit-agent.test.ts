import type { ServerToClientEvents, StandbyOrderDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
import { haversineMeters } from '@dispatch/routing';
import { describe, expect, it } from 'vitest';
import type { SimCall } from './call-generator.js';
import type { ConsoleEvents, UnitTerminal } from './console-port.js';
import { LocalConsole } from './local-console.js';
import { planLeg } from './movement.js';
import { createRng } from './prng.js';
import { SteppedClock } from './sim-clock.js';
import { runStepped } from './stepper.js';
import { UnitAgent } from './unit-agent.js';
import { World } from './world.js';

const here: LngLat = [120.15, 30.27];
const east = (m: number): LngLat => [here[0] + m / 96_000, here[1]];
const T0 = Date.UTC(2026, 0, 5, 10);

/** A console standby order for unit `a` (as GET /units/:id/standby and `standby:updated` carry it). */
const orderAt = (id: string, lngLat: LngLat, status: 'active' | 'ended' = 'active'): StandbyOrderDto => ({
  id,
  unitId: 'a',
  lngLat: [lngLat[0], lngLat[1]],
  reason: 'standby',
  note: '',
  gain: null,
  createdAt: new Date(T0).toISOString(),
  createdById: 'supervisor',
  status,
  endReason: status === 'ended' ? 'cancelled' : null,
  endedAt: status === 'ended' ? new Date(T0).toISOString() : null,
});

function rig(
  wrap: { terminal?: (t: UnitTerminal) => UnitTerminal; events?: (e: ConsoleEvents) => ConsoleEvents } = {},
) {
  const clock = new SteppedClock(T0);
  const world = new World({
    clock,
    mode: 'stepped',
    network: null,
    vertices: new Map([['g1', [east(400), east(900), east(1500)]]]),
    seed: 1,
    log: () => undefined,
    verbose: false,
  });
  const console = new LocalConsole(
    {
      units: [
        {
          id: 'a',
          callSign: 'A',
          kind: 'patrol_car',
          status: 'available',
          homeGridId: 'g1',
          postId: null,
          capabilities: [],
          lngLat: here,
        },
      ],
      posts: [],
      gridAt: () => 'g1',
    },
    null,
    () => clock.now(),
    8,
  );
  const unit = { id: 'a', callSign: 'A', kind: 'patrol_car' as const, homeGridId: 'g1' };
  const terminal = wrap.terminal ? wrap.terminal(console.terminal()) : console.terminal();
  const agent = new UnitAgent(unit, here, here, 'available', terminal, world, createRng(7));
  const events = console.eventsFor('a');
  agent.attach(wrap.events ? wrap.events(events) : events);
  console.trackPosition('a', (now) => agent.position(now));
  const until = (ms: number) => runStepped(world, clock, { stopBefore: (next) => next > ms });
  return { clock, world, console, agent, until };
}

const seconds = (from: string | null, to: string | null) => (Date.parse(to!) - Date.parse(from!)) / 1000;

describe('UnitAgent', () => {
  it('works an assignment step by step, each step at its exact simulated time', async () => {
    const { world, console, agent, until } = rig();
    const target = east(2500);
    const incident = await console.createIncident({
      type: 'theft',
      priority: 3,
      location: { lng: target[0], lat: target[1] },
    });
    world.registerCall(incident.id, { seq: 1, serviceSeconds: 900 } as SimCall);
    const { assignments } = await console.dispatch(incident.id, ['a']); // before it moves off
    agent.start();
    await until(T0 + 3 * 3600_000);
    const record = await console.incident(incident.id);
    const a = record.assignments[0]!;
    const reaction = seconds(a.assignedAt, a.enRouteAt);
    expect(reaction).toBeGreaterThanOrEqual(10);
    expect(reaction).toBeLessThan(25);
    const leg = planLeg(null, 'patrol_car', here, target, {
      urgent: true,
      trafficFactor: world.trafficFactor(incident.id, 'A'),
    });
    expect(seconds(a.enRouteAt, a.onSceneAt)).toBeCloseTo(leg.durationSeconds, 2);
    expect(record.firstOnSceneAt).toBe(a.onSceneAt);
    expect(seconds(a.onSceneAt, a.clearedAt)).toBe(900);
    expect(a.id).toBe(assignments[0]!.id);
    // Back in its grid it reports available again and patrols there.
    expect((await console.units())[0]!.status).toBe('available');
    expect(world.counters).toMatchObject({ assignments: 1, arrivals: 1, clears: 1, errors: 0 });
  });

  it('waits where its policy wants it instead of patrolling at random', async () => {
    const { world, agent, clock, until } = rig();
    const standby = east(1200);
    const asked: string[] = [];
    world.standbyTarget = async (unit) => (asked.push(unit.callSign), standby);
    agent.start();
    await until(T0 + 30 * 60_000);
    expect(asked.length).toBeGreaterThan(1);
    expect(agent.position(clock.now()).lngLat).toEqual(standby);
    // One relocation: waiting on at the same point is not another.
    expect(world.counters.standbyMoves).toBe(1);
  });

  it('drops its patrol for a move-up order and waits at the point, but not while on a job', async () => {
    const { world, console, agent, clock, until } = rig();
    world.addUnit(agent.id, agent);
    agent.start();
    await until(T0 + 5 * 60_000);
    const point = east(3000);
    expect(world.relocate('a', point)).toBe(true);
    expect(world.relocate('nobody', point)).toBe(false);
    await until(T0 + 20 * 60_000);
    expect(haversineMeters(agent.position(clock.now()).lngLat, point)).toBeLessThan(1);
    expect(world.counters.moveUps).toBe(1);
    const incident = await console.createIncident({
      type: 'theft',
      priority: 3,
      location: { lng: here[0], lat: here[1] },
    });
    world.registerCall(incident.id, { seq: 1, serviceSeconds: 900 } as SimCall);
    await console.dispatch(incident.id, ['a']);
    expect(world.relocate('a', east(100))).toBe(false);
    expect(world.counters.moveUps).toBe(1);
  });

  it("follows the console's standby order: drives there and waits, picks one up after a reconnect, patrols once it ends", async () => {
    let standing: StandbyOrderDto | null = orderAt('o1', east(2000));
    let announce: ServerToClientEvents['standby:updated'] = () => undefined;
    const { world, agent, clock, until } = rig({
      // The order given before the terminal connected: read once it starts.
      terminal: (t) => ({ ...t, standbyOrder: async () => standing }),
      events: (e) => ({
        on: (name, handler) => {
          if (name === 'standby:updated') announce = handler as ServerToClientEvents['standby:updated'];
          else e.on(name, handler);
        },
      }),
    });
    agent.start();
    await until(T0 + 15 * 60_000);
    expect(haversineMeters(agent.position(clock.now()).lngLat, east(2000))).toBeLessThan(1);
    // A new order: it sets off at once and stays there through its patrol pauses.
    standing = orderAt('o2', east(400));
    announce({ unitId: 'a', order: standing, ended: orderAt('o1', east(2000), 'ended') });
    announce({ unitId: 'b', order: orderAt('o9', east(3000)), ended: null }); // another unit's
    await until(T0 + 45 * 60_000);
    expect(haversineMeters(agent.position(clock.now()).lngLat, east(400))).toBeLessThan(1);
    expect(world.counters.standbyMoves).toBe(2);
    // The order ends: it patrols its grid again (its grid's vertices, not the point).
    standing = null;
    announce({ unitId: 'a', order: null, ended: orderAt('o2', east(400), 'ended') });
    const seen = new Set<string>();
    for (let m = 46; m <= 120; m += 2) {
      await until(T0 + m * 60_000);
      seen.add(
        agent
          .position(clock.now())
          .lngLat.map((x) => x.toFixed(6))
          .join(','),
      );
    }
    expect(seen.size).toBeGreaterThan(2);
  });
});
