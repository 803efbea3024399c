import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-error.js';
import { useCoverageStore } from '../../stores/coverage-store.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { makeCoverage, makeCoverageAlert, makeGridCoverage } from '../../test/coverage-fixtures.js';
import { makeGrid } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { GridStaffingTable } from './GridStaffingTable.js';

const api = vi.hoisted(() => ({ editGrid: vi.fn() }));
vi.mock('../../api/client.js', () => ({ api }));

function signIn(role: 'supervisor' | 'dispatcher') {
  useSessionStore.setState({
    token: 't',
    status: 'authenticated',
    user: { id: 'x', username: role, displayName: role, role, unitId: null },
  });
}

const row = (gridId: string) =>
  screen.getAllByTestId('grid-row').find((r) => r.dataset.gridId === gridId) as HTMLElement;
const cell = (gridId: string, testId: string) => within(row(gridId)).getByTestId(testId);

describe('GridStaffingTable coverage columns', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    signIn('supervisor');
    useGridsStore
      .getState()
      .applySnapshot([
        makeGrid({ id: 'g1', code: 'G01', name: '一网格' }),
        makeGrid({ id: 'g2', code: 'G02', name: '二网格', coverageThreshold: 0.9 }),
      ]);
    useCoverageStore.getState().applyCoverage(
      makeCoverage([
        makeGridCoverage({ gridId: 'g1', demandShare3: 0.934, demandShare5: 1, freeUnits: 4 }),
        makeGridCoverage({
          gridId: 'g2',
          level: 'uncovered',
          threshold: 0.9,
          demandShare3: 0.2,
          demandShare5: 0.55,
          freeUnits: 0,
        }),
      ]),
    );
    useCoverageStore
      .getState()
      .raiseAlert(makeCoverageAlert({ gridId: 'g2', gridName: '二网格', share: 0.55, threshold: 0.9 }));
  });

  it('shows 3- and 5-minute demand coverage, level, free units, alert and threshold per grid', () => {
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    expect(cell('g1', 'grid-share3').textContent).toBe('93%');
    expect(cell('g1', 'grid-share5').textContent).toBe('100%');
    expect(cell('g1', 'grid-coverage-level').textContent).toBe('覆盖充分');
    expect(cell('g1', 'grid-free-units').textContent).toBe('4');
    expect(cell('g1', 'grid-alert').dataset.alerted).toBe('false');
    expect(cell('g1', 'grid-threshold').textContent).toBe('80% (默认)');

    expect(cell('g2', 'grid-share5').textContent).toBe('55%');
    expect(cell('g2', 'grid-coverage-level').dataset.level).toBe('uncovered');
    expect(cell('g2', 'grid-coverage-level').textContent).toBe('覆盖不足');
    expect(cell('g2', 'grid-alert').dataset.alerted).toBe('true');
    expect(cell('g2', 'grid-threshold').textContent).toBe('90%');
  });

  it('follows the stream: a new recomputation and a cleared alert update the row', () => {
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    act(() => {
      useCoverageStore
        .getState()
        .applyCoverage(
          makeCoverage(
            [
              makeGridCoverage({ gridId: 'g1' }),
              makeGridCoverage({ gridId: 'g2', level: 'thin', demandShare5: 0.97 }),
            ],
            new Date(Date.now() + 1000).toISOString(),
          ),
        );
      useCoverageStore
        .getState()
        .clearAlert(makeCoverageAlert({ gridId: 'g2', clearedAt: new Date().toISOString() }));
    });
    expect(cell('g2', 'grid-share5').textContent).toBe('97%');
    expect(cell('g2', 'grid-coverage-level').textContent).toBe('覆盖薄弱');
    expect(cell('g2', 'grid-alert').dataset.alerted).toBe('false');
  });

  it('shows a dash before the first coverage arrives', () => {
    useCoverageStore.setState({ coverage: null, byGrid: {} });
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    expect(cell('g1', 'grid-share3').textContent).toBe('—');
    expect(cell('g1', 'grid-threshold').textContent).toBe('— (默认)');
  });

  it('lets a supervisor set a threshold inline (PATCH with the version) without selecting the row', async () => {
    const onSelectGrid = vi.fn();
    api.editGrid.mockImplementation(async (id: string, body: { coverageThreshold: number | null }) =>
      makeGrid({ id, code: 'G01', name: '一网格', coverageThreshold: body.coverageThreshold, version: 2 }),
    );
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={onSelectGrid} />);
    fireEvent.click(within(row('g1')).getByTestId('threshold-edit'));
    const input = within(row('g1')).getByTestId('threshold-input');
    fireEvent.change(input, { target: { value: '95' } });
    await act(async () => fireEvent.submit(input));
    expect(api.editGrid).toHaveBeenCalledWith('g1', { coverageThreshold: 0.95, version: 1 });
    expect(useGridsStore.getState().byId.g1?.coverageThreshold).toBe(0.95);
    await waitFor(() => expect(cell('g1', 'grid-threshold').textContent).toBe('95%'));
    expect(onSelectGrid).not.toHaveBeenCalled();
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({ key: 'coverage.thresholdSaved' });
  });

  it('sends an empty threshold as the default (null)', async () => {
    api.editGrid.mockResolvedValue(
      makeGrid({ id: 'g2', code: 'G02', name: '二网格', coverageThreshold: null, version: 2 }),
    );
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    fireEvent.click(within(row('g2')).getByTestId('threshold-edit'));
    const input = within(row('g2')).getByTestId('threshold-input') as HTMLInputElement;
    expect(input.value).toBe('90');
    fireEvent.change(input, { target: { value: '' } });
    await act(async () => fireEvent.click(within(row('g2')).getByTestId('threshold-save')));
    expect(api.editGrid).toHaveBeenCalledWith('g2', { coverageThreshold: null, version: 1 });
  });

  it.each([
    [400, 'VALIDATION_FAILED', '2'],
    [409, 'CONFLICT', '85'],
  ])('shows a %i (%s) as a notice and keeps the editor open', async (status, code, value) => {
    api.editGrid.mockRejectedValue(new ApiError(status, code, 'refused'));
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    fireEvent.click(within(row('g1')).getByTestId('threshold-edit'));
    const input = within(row('g1')).getByTestId('threshold-input');
    fireEvent.change(input, { target: { value } });
    await act(async () => fireEvent.submit(input));
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({ level: 'error', key: `errors.${code}` });
    expect(within(row('g1')).getByTestId('threshold-input')).toBeTruthy();
    expect(useGridsStore.getState().byId.g1?.coverageThreshold).toBeNull();
  });

  it('does not send text that is not a number', async () => {
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    fireEvent.click(within(row('g1')).getByTestId('threshold-edit'));
    const input = within(row('g1')).getByTestId('threshold-input');
    fireEvent.change(input, { target: { value: 'abc' } });
    await act(async () => fireEvent.submit(input));
    expect(api.editGrid).not.toHaveBeenCalled();
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({ key: 'errors.VALIDATION_FAILED' });
  });

  it('shows the threshold read-only to roles without grid.edit', () => {
    signIn('dispatcher');
    render(<GridStaffingTable selectedGridId={null} onSelectGrid={() => undefined} />);
    expect(within(row('g2')).queryByTestId('threshold-edit')).toBeNull();
    expect(cell('g2', 'grid-threshold').textContent).toBe('90%');
  });
});
