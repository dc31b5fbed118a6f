// For admins (password mode): who can sign in to the console, adding a person, resetting a password.
import { useEffect, useState } from 'preact/hooks';
import type { WebUserView } from '../../src/chat/web/api-types.js';
import { api, ApiFailure } from '../api.js';
import { errorText, useT } from '../i18n.js';
import { Dialog } from './dialog.js';

export function UsersDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const [users, setUsers] = useState<WebUserView[]>([]);
  const [notice, setNotice] = useState<{ text: string; error: boolean }>();
  const [resetFor, setResetFor] = useState<string>();

  const load = async () => setUsers((await api<{ users: WebUserView[] }>('GET', '/admin/users')).users);
  useEffect(() => {
    void load().catch(() => setNotice({ text: t('errors.unknown'), error: true }));
  }, []);
  const attempt = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice({ text: done, error: false });
      await load();
      return true;
    } catch (failure) {
      setNotice({ text: errorText(t, failure instanceof ApiFailure ? failure.code : 'network'), error: true });
      return false;
    }
  };

  return (
    <Dialog title={t('users.title')} onClose={onClose}>
      {notice ? (
        <p class={notice.error ? 'error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      <table class="users">
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.password_set')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.name}>
              <td>web:{user.name}</td>
              <td>{user.roles.join(', ') || t('users.no_roles')}</td>
              <td>{new Date(user.passwordSetAt).toLocaleString()}</td>
              <td>
                {user.name === 'admin' ? (
                  <span class="hint">{t('users.admin_from_config')}</span>
                ) : (
                  <button type="button" class="btn plain" onClick={() => setResetFor(user.name)}>
                    {t('users.reset')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetFor ? (
        <PasswordForm
          key={resetFor}
          legend={t('users.reset_for', { name: `web:${resetFor}` })}
          withName={false}
          submit={t('users.reset_submit')}
          onSubmit={(_, password) =>
            attempt(
              () => api('PUT', `/admin/users/${encodeURIComponent(resetFor)}/password`, { password }),
              t('users.reset_done', { name: `web:${resetFor}` }),
            ).then((ok) => ok && setResetFor(undefined))
          }
        />
      ) : null}
      <PasswordForm
        legend={t('users.add')}
        withName
        submit={t('users.add_submit')}
        onSubmit={(name, password) =>
          attempt(() => api('POST', '/admin/users', { name, password }), t('users.added', { name: `web:${name}` }))
        }
      />
      <p class="hint">{t('users.roles_hint')}</p>
      <div class="form-buttons">
        <button type="button" class="btn plain" onClick={onClose}>
          {t('form.close')}
        </button>
      </div>
    </Dialog>
  );
}

interface PasswordFormProps {
  legend: string;
  withName: boolean;
  submit: string;
  onSubmit(name: string, password: string): Promise<unknown>;
}

function PasswordForm({ legend, withName, submit, onSubmit }: PasswordFormProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const prefix = withName ? 'add' : 'reset';
  return (
    <form
      class="form"
      onSubmit={async (event) => {
        event.preventDefault();
        await onSubmit(name, password);
        setName('');
        setPassword('');
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {withName ? (
          <div class="form-field">
            <label for={`${prefix}-name`}>{t('users.name')}</label>
            <input
              id={`${prefix}-name`}
              required
              maxLength={64}
              autoComplete="off"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
        ) : null}
        <div class="form-field">
          <label for={`${prefix}-password`}>{t('users.password')}</label>
          <input
            id={`${prefix}-password`}
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p class="hint">{t('users.password_hint')}</p>
        </div>
        <button type="submit" class="btn primary">
          {submit}
        </button>
      </fieldset>
    </form>
  );
}
