/**
 * The headless event loop: steps the clock to the next task, runs it, and waits for all the work
 * it caused (requests, and the events those cause) before the next one. One event at a time, in
 * (time, order of scheduling) order: a run is the same sequence of steps every time.
 */
import type { SteppedClock } from './sim-clock.js';
import type { World } from './world.js';

export interface StepOptions {
  /** Stop before running a task due at `nextAt` (Infinity: none left). */
  stopBefore(nextAt: number): boolean;
  /** Called before the clock moves forward to `nextAt` (the server engine records the step). */
  beforeStep?(nextAt: number): Promise<void>;
}

export async function runStepped(world: World, clock: SteppedClock, options: StepOptions): Promise<void> {
  // Work started before the first step (units asking their policy where to wait) comes first.
  await world.settle();
  for (;;) {
    const next = world.scheduler.nextAt;
    if (options.stopBefore(next)) return;
    if (next > clock.now()) {
      await options.beforeStep?.(next);
      clock.stepTo(next);
    }
    const task = world.scheduler.takeDue(next)!;
    try {
      await task();
    } catch (error) {
      world.log(`task failed: ${(error as Error).message}`, true);
    }
    await world.settle();
  }
}
