/**
 * The largest sustained message rate: after the main run, the same rooms send faster step by
 * step (the interval halves), until a step's p95 reaches 100 ms or a message is lost or
 * duplicated. The rate reported is the fastest step that stayed within.
 */
import type {DirectionFigures} from './types.js';

export interface RampStep {
  intervalMs: number;
  msgsPerSecond: number;
  p95: number;
  lost: number;
  duplicated: number;
  within: boolean;
}

type StepResult = {
  toAgent: DirectionFigures;
  toVisitor: DirectionFigures;
  duplicated: number;
  msgsPerSecond: number;
};

export const RAMP_P95_MS = 100;

export async function runRamp(
  step: (intervalMs: number, durationMs: number) => Promise<StepResult>,
  rooms: number,
  stepMs: number,
): Promise<RampStep[]> {
  const out: RampStep[] = [];
  // From about 100 msgs/s up; each room's visitor and agent send once per interval.
  let intervalMs = Math.max(250, Math.min(10_000, Math.round((2 * rooms * 1000) / 100)));
  while (intervalMs >= 20) {
    const r = await step(intervalMs, stepMs);
    const p95 = Math.max(r.toAgent.p95, r.toVisitor.p95);
    const lost = r.toAgent.lost + r.toVisitor.lost;
    const within = p95 < RAMP_P95_MS && lost === 0 && r.duplicated === 0;
    out.push({
      intervalMs,
      msgsPerSecond: r.msgsPerSecond,
      p95,
      lost,
      duplicated: r.duplicated,
      within,
    });
    if (!within) break;
    intervalMs = Math.floor(intervalMs / 2);
  }
  return out;
}

/** The fastest step within the limit, or null. */
export const sustainedRate = (steps: RampStep[]) =>
  steps.filter((s) => s.within).at(-1)?.msgsPerSecond ?? null;
