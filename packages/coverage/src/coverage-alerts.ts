/**
 * When a grid's coverage alert is raised and cleared. Raised once when its 5-minute demand
 * coverage falls below the grid's threshold; cleared once it is back at the threshold plus a
 * margin, so units moving about the line do not make the alert flicker every position batch.
 */

export interface AlertInput {
  gridId: string;
  /** 5-minute demand coverage, 0..1. */
  share: number;
  /** Alert below this, 0..1 (default 0.8). */
  threshold: number;
}

export interface AlertChanges {
  raise: AlertInput[];
  clear: AlertInput[];
}

/** Default per-grid alert threshold: 80% of expected demand reachable within 5 minutes. */
export const DEFAULT_COVERAGE_THRESHOLD = 0.8;
/** Coverage must recover this far past the threshold before the alert clears. */
export const DEFAULT_CLEAR_MARGIN = 0.05;

/** Raises and clears given the grids alerted now (`open`). Grids not listed keep their state. */
export function coverageAlertChanges(
  open: ReadonlySet<string>,
  grids: readonly AlertInput[],
  clearMargin = DEFAULT_CLEAR_MARGIN,
): AlertChanges {
  const raise: AlertInput[] = [];
  const clear: AlertInput[] = [];
  for (const g of grids) {
    const alerted = open.has(g.gridId);
    if (!alerted && g.share < g.threshold) raise.push(g);
    // The epsilon keeps 0.8 + 0.05 from missing 0.85 by float rounding.
    else if (alerted && g.share >= Math.min(1, g.threshold + clearMargin) - 1e-9) clear.push(g);
  }
  return { raise, clear };
}
