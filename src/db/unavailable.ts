// "The database does not answer": told apart from every other failure, so that people and
// senders hear "temporarily unavailable, try again" rather than "something went wrong".

// The driver's and mongoose's names for "no server to talk to", "the connection broke or timed
// out", and "no free connection in time". Names rather than classes: mongoose and the driver may
// each bring their own copy of the classes.
const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoWaitQueueTimeoutError',
  'WaitQueueTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** Whether `error` (or what it wraps, through `cause`) says the database is not answering. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (UNAVAILABLE.has(e.name)) return true;
  }
  return false;
}
