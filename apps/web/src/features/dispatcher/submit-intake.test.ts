import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentDto } from '@dispatch/contracts';
import { ApiError } from '../../api/api-error.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { resetStores } from '../../test/reset-stores.js';
import { submitIntake, withRetries, type SubmitApi } from './submit-intake.js';

const noWait = () => Promise.resolve();

describe('withRetries', () => {
  it('tries a save again only while its answer was lost, then gives up with the error', async () => {
    let calls = 0;
    const flaky = () => {
      calls += 1;
      return calls < 3
        ? Promise.reject(new ApiError(calls === 1 ? 0 : 502, 'NETWORK', 'x'))
        : Promise.resolve('ok');
    };
    await expect(withRetries(flaky, [1, 1, 1], noWait)).resolves.toBe('ok');
    expect(calls).toBe(3);

    calls = 0;
    const refused = () => {
      calls += 1;
      return Promise.reject(new ApiError(409, 'CONFLICT', 'x'));
    };
    await expect(withRetries(refused, [1, 1, 1], noWait)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(calls).toBe(1);

    calls = 0;
    const down = () => {
      calls += 1;
      return Promise.reject(new ApiError(0, 'NETWORK', 'x'));
    };
    await expect(withRetries(down, [1, 1], noWait)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(calls).toBe(3);
  });
});

describe('submitIntake', () => {
  beforeEach(() => resetStores());

  it('sends the call id chosen at pick-up, the same on every try, and a new one for the next call', async () => {
    const ids: (string | undefined)[] = [];
    let failures = 1;
    const api: SubmitApi = {
      createIncident: async (body) => {
        ids.push(body.id);
        if (failures-- > 0) throw new ApiError(0, 'NETWORK', 'connection reset');
        return { id: body.id, number: '110-1', assignments: [] } as unknown as IncidentDto;
      },
      dispatch: async () => {
        throw new Error('not asked');
      },
    };
    const take = async () => {
      useIntakeStore.getState().start(1000);
      useIntakeStore.getState().setLocation([120.1, 30.2]);
      useIntakeStore.getState().setType('theft');
      return submitIntake(api, { dispatch: false });
    };
    const first = await take();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(first?.id).toBe(ids[0]);
    await take();
    expect(ids[2]).not.toBe(ids[0]);
  }, 15_000);
});
