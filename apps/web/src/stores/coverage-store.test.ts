import { beforeEach, describe, expect, it } from 'vitest';
import { T0, iso } from '../test/fixtures.js';
import { makeCoverage, makeCoverageAlert, makeGridCoverage } from '../test/coverage-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { openAlerts, useCoverageStore } from './coverage-store.js';

const store = () => useCoverageStore.getState();

describe('coverage store', () => {
  beforeEach(() => resetStores());

  it('indexes coverage by grid and keeps unchanged entries (and the record) identical', () => {
    store().applyCoverage(
      makeCoverage([
        makeGridCoverage(),
        makeGridCoverage({ gridId: 'g2', level: 'thin', demandShare3: 0.5 }),
      ]),
    );
    const first = store().byGrid;
    expect(first.g2?.level).toBe('thin');

    store().applyCoverage(
      makeCoverage(
        [makeGridCoverage(), makeGridCoverage({ gridId: 'g2', level: 'thin', demandShare3: 0.5 })],
        iso(T0 + 1000),
      ),
    );
    expect(store().byGrid).toBe(first);
    expect(store().coverage?.computedAt).toBe(iso(T0 + 1000));

    store().applyCoverage(
      makeCoverage(
        [makeGridCoverage(), makeGridCoverage({ gridId: 'g2', level: 'uncovered', demandShare5: 0.6 })],
        iso(T0 + 2000),
      ),
    );
    expect(store().byGrid).not.toBe(first);
    expect(store().byGrid.g1).toBe(first.g1);
    expect(store().byGrid.g2?.level).toBe('uncovered');
  });

  it('ignores a coverage older than the one held (a slow REST answer after a socket update)', () => {
    store().applyCoverage(makeCoverage([makeGridCoverage({ level: 'thin' })], iso(T0 + 5000)));
    store().applyCoverage(makeCoverage([makeGridCoverage({ level: 'covered' })], iso(T0)));
    expect(store().byGrid.g1?.level).toBe('thin');
  });

  it('raises an alert and clears only the alert the clear names', () => {
    store().raiseAlert(makeCoverageAlert({ id: '1' }));
    store().raiseAlert(makeCoverageAlert({ id: '2', gridId: 'g2', gridName: '二网格' }));
    expect(Object.keys(store().alerts).sort()).toEqual(['g1', 'g2']);

    store().clearAlert(makeCoverageAlert({ id: '0', clearedAt: iso(T0) })); // an older alert of g1
    expect(store().alerts.g1?.id).toBe('1');
    store().clearAlert(makeCoverageAlert({ id: '1', clearedAt: iso(T0 + 60_000), clearShare: 0.9 }));
    expect(Object.keys(store().alerts)).toEqual(['g2']);
  });

  it('keeps the grid consistent with its alerts when a (volatile) coverage update was lost', () => {
    store().applyCoverage(makeCoverage([makeGridCoverage({ level: 'covered', demandShare3: 0.9 })]));
    store().raiseAlert(makeCoverageAlert({ id: '1', share: 0.42 }));
    expect(store().byGrid.g1).toMatchObject({
      level: 'uncovered',
      demandShare3: 0.42,
      demandShare5: 0.42,
      alerted: true,
    });
    store().clearAlert(makeCoverageAlert({ id: '1', clearedAt: iso(T0 + 1000), clearShare: 0.9 }));
    expect(store().byGrid.g1).toMatchObject({ level: 'thin', demandShare5: 0.9, alerted: false });
    // The next recomputation has the last word.
    store().applyCoverage(makeCoverage([makeGridCoverage({ level: 'covered' })], iso(T0 + 2000)));
    expect(store().byGrid.g1?.level).toBe('covered');
  });

  it('takes the open alerts from a REST list, dropping cleared ones', () => {
    store().raiseAlert(makeCoverageAlert({ id: '9', gridId: 'g9' }));
    store().applyAlerts([
      makeCoverageAlert({ id: '1' }),
      makeCoverageAlert({ id: '2', gridId: 'g2', clearedAt: iso(T0 + 1000) }),
    ]);
    expect(Object.keys(store().alerts)).toEqual(['g1']);
  });

  it('replays alert events that arrived while the REST list was in flight', () => {
    store().raiseAlert(makeCoverageAlert({ id: '1' }));
    const sinceSeq = store().alertSeq; // the request goes out here
    store().raiseAlert(makeCoverageAlert({ id: '2', gridId: 'g2' }));
    store().clearAlert(makeCoverageAlert({ id: '1', clearedAt: iso(T0 + 1000) }));
    // The list was read before both events: g1 still open, g2 not yet raised.
    store().applyAlerts([makeCoverageAlert({ id: '1' })], sinceSeq);
    expect(Object.keys(store().alerts)).toEqual(['g2']);
  });

  it('lists open alerts oldest first', () => {
    store().raiseAlert(makeCoverageAlert({ id: '2', gridId: 'g2', raisedAt: iso(T0 + 5000) }));
    store().raiseAlert(makeCoverageAlert({ id: '1', gridId: 'g1', raisedAt: iso(T0) }));
    expect(openAlerts(store().alerts).map((a) => a.gridId)).toEqual(['g1', 'g2']);
  });
});
