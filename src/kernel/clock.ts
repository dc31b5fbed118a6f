// The one clock: Date.now() underneath, so sinon fake timers move it in tests.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
