import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POST_RANGE_METERS } from '@dispatch/dispatch';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';

describe(`travel model defaults (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives a post unit with no known post the range a stored post gets by default', async () => {
    const post = await db.prisma.post.create({
      data: { code: 'P-DEFAULT', name: '默认岗', kind: 'street_post', lng: 120.15, lat: 30.27 },
    });
    expect(post.rangeMeters).toBe(DEFAULT_POST_RANGE_METERS);
  });
});
