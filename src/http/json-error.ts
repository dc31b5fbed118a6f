// Every HTTP error Zhiban gives is JSON: {error, details}.
import type { Response } from 'express';

export function sendError(res: Response, status: number, error: string, details: unknown = []): void {
  res.status(status).json({ error, details });
}
