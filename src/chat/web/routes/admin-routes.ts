// Console accounts, for admins: the list, adding a person with a first password, resetting one.
// Roles are granted as everywhere else, with `/ops role grant web:<name> <role>`.
import { Router } from 'express';
import { sendError } from '../../../http/json-error.js';
import type { WebUserView } from '../api-types.js';
import type { WebAccounts } from '../auth/web-accounts.js';
import { parseBody } from '../http/api-guards.js';
import { newUserBody, passwordBody, userName } from '../http/schemas.js';
import { requireAdmin, viewerOf } from '../http/viewer.js';

export interface AdminDeps {
  accounts: WebAccounts;
  roles(key: string): Promise<string[]>;
}

export function adminRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use('/admin', requireAdmin);

  router.get('/admin/users', async (_req, res) => {
    const users = await deps.accounts.list();
    const views: WebUserView[] = await Promise.all(
      users.map(async (user) => ({
        name: user._id,
        roles: await deps.roles(`web:${user._id}`),
        createdBy: user.createdBy,
        createdAt: user.createdAt.toISOString(),
        passwordSetAt: user.passwordSetAt.toISOString(),
      })),
    );
    res.json({ users: views });
  });

  router.post('/admin/users', async (req, res) => {
    const body = parseBody(newUserBody, req, res);
    if (!body) return;
    const created = await deps.accounts.create(body.name, body.password, viewerOf(res).key);
    if (!created) return sendError(res, 409, 'user_exists', [`web:${body.name} already exists`]);
    res.status(201).json({ name: body.name });
  });

  router.put('/admin/users/:name/password', async (req, res) => {
    const name = userName.safeParse(req.params.name);
    const body = parseBody(passwordBody, req, res);
    if (!body) return;
    if (!name.success) return sendError(res, 404, 'no_user', ['no such user']);
    const outcome = await deps.accounts.resetPassword(name.data, body.password, viewerOf(res).key);
    if (outcome === 'missing') return sendError(res, 404, 'no_user', ['no such user']);
    if (outcome === 'from_config') {
      return sendError(res, 409, 'admin_password_from_config', ['web:admin signs in with WEB_ADMIN_PASSWORD']);
    }
    res.status(204).end();
  });

  return router;
}
