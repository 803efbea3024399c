import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RecommendationsDto } from '@dispatch/contracts';
import { createHarness, freePatrolCarBesides, type Harness } from '../test/app-harness.js';

const redisUrl = process.env.REDIS_URL;

// Two server nodes behind the Socket.IO Redis adapter (REDIS_URL; CI sets it): a unit reporting
// through one node is ranked by its new position on the other.
describe.skipIf(!redisUrl)(
  `two nodes with Redis (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`,
  () => {
    let h: Harness;
    let nodeB: FastifyInstance;

    beforeAll(async () => {
      // Node A flushes and broadcasts positions on its own timers, as a server does.
      h = await createHarness({ background: true, config: { redisUrl } });
      nodeB = await h.secondNode();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('ranks a unit on one node by the position it reported through the other', async () => {
      const me = await h.login('unit001');
      const here = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
      const input = {
        lngLat: [here.lastLng!, here.lastLat!] as const,
        type: 'theft' as const,
        priority: 3 as const,
        gridId: null,
        limit: 50,
      };
      const onB = () => nodeB.services.recommendations.recommend(input);
      const first = await onB();
      const far = await freePatrolCarBesides(h.db, [
        me.unitId!,
        ...first.candidates.slice(0, 5).map((c) => c.unitId),
      ]);
      const etaOf = (r: RecommendationsDto) => r.candidates.find((c) => c.unitId === far.id)?.etaSeconds;
      const moved = await h.call('admin', {
        method: 'POST',
        url: '/api/units/positions',
        payload: { reports: [{ unitId: far.id, lng: here.lastLng, lat: here.lastLat }] },
      });
      expect(moved.statusCode, moved.body).toBe(202);
      // Node A's next batch (within a second) reaches node B's ranking.
      await vi.waitFor(async () => expect(etaOf(await onB())).toBeLessThan(etaOf(first) ?? Infinity), {
        timeout: 5_000,
        interval: 100,
      });
      const after = (await onB()).candidates.find((c) => c.unitId === far.id);
      expect(after!.rank).toBeLessThanOrEqual(3);
    });
  },
);
