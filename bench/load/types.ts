/** Shapes shared by the active-rooms generator and its parent. */

/** What the parent passes as argv[2] (JSON). */
export interface RoomsConfig {
  url: string;
  rooms: number;
  agents: {username: string; password: string}[];
  durationMs: number;
  intervalMs: number;
  visitorSend: 'rest' | 'ddp';
  setupConcurrency: number;
}

/** Latency figures of one direction, in ms. */
export interface DirectionFigures {
  sent: number;
  sendErrors: number;
  delivered: number;
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over50ms: number;
}
