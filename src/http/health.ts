// /healthz (the process answers) and /readyz (the database answers and jobs are running).
import { Router } from 'express';

export interface Readiness {
  databaseReachable(): Promise<boolean>;
  jobsRunning(): boolean;
}

export function healthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await readiness.databaseReachable().catch(() => false);
    const jobs = readiness.jobsRunning();
    res.status(database && jobs ? 200 : 503).json({ status: database && jobs ? 'ready' : 'not_ready', database, jobs });
  });
  return router;
}
