/**
 * The prediction accuracy index (PAI, Chainey et al. 2008): the share of incidents that fell in
 * the flagged places over the share of the area flagged. Flag the places with the highest
 * predicted density until `areaShare` of the study area is flagged; PAI 1 is no better than chance.
 */

export interface PaiResult {
  pai: number;
  /** Share of the actual incidents in the flagged area (0..1). */
  hitRate: number;
  /** Share of the area flagged (the `areaShare` asked). */
  areaShare: number;
  /** Places flagged, counting a place flagged in part as one. */
  flagged: number;
}

/**
 * PAI at `areaShare` of the total area for predicted scores `predicted[i]` (e.g. expected
 * incidents) of places with `area[i]` and the incidents that then happened, `actual[i]`.
 * Places rank by predicted density (score / area); the place at the boundary, and any places
 * tied with it, count in part so exactly `areaShare` is flagged (what random tie-breaking gives
 * on average; a naive count predictor ties many places at zero or one). Places predicted zero
 * tie with each other: when the rest cover less than `areaShare`, they fill it in part.
 */
export function predictionAccuracyIndex(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  area: ArrayLike<number>,
  areaShare = 0.05,
): PaiResult {
  const n = predicted.length;
  if (actual.length !== n || area.length !== n) throw new RangeError('one value per place in each array');
  if (!(areaShare > 0 && areaShare <= 1)) throw new RangeError('areaShare must be in (0, 1]');
  let totalArea = 0;
  let totalActual = 0;
  for (let i = 0; i < n; i++) {
    totalArea += area[i]!;
    totalActual += actual[i]!;
  }
  const density = (i: number) => predicted[i]! / area[i]!;
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => area[i]! > 0)
    .sort((a, b) => density(b) - density(a));
  let budget = areaShare * totalArea;
  let caught = 0;
  let flaggedArea = 0;
  let flagged = 0;
  for (let i = 0; i < order.length && budget > 0;) {
    // The group of places tied at this density.
    let j = i;
    let groupArea = 0;
    let groupActual = 0;
    while (j < order.length && density(order[j]!) === density(order[i]!)) {
      groupArea += area[order[j]!]!;
      groupActual += actual[order[j]!]!;
      j++;
    }
    const fraction = Math.min(1, budget / groupArea);
    caught += fraction * groupActual;
    flaggedArea += fraction * groupArea;
    flagged += fraction === 1 ? j - i : Math.ceil(fraction * (j - i));
    budget -= fraction * groupArea;
    i = j;
  }
  const hitRate = totalActual > 0 ? caught / totalActual : 0;
  const share = totalArea > 0 ? flaggedArea / totalArea : 0;
  return { pai: share > 0 ? hitRate / share : 0, hitRate, areaShare: share, flagged };
}
