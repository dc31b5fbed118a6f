// The console once signed in: channels on the side, the chosen channel's messages, the command
// box; forms as dialogs; everything new arriving live.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CardButton } from '../../src/chat/card.js';
import type { Form } from '../../src/chat/form.js';
import type {
  ChannelView,
  CommandView,
  HistoryPage,
  InteractionResult,
  Me,
  WebMessageView,
} from '../../src/chat/web/api-types.js';
import { api, ApiFailure, requestId } from '../api.js';
import { errorText, useT } from '../i18n.js';
import { connectLive } from '../live.js';
import { MessageStore } from '../message-store.js';
import { LanguageSwitch, TrialBanner } from './chrome.js';
import { ChannelNav } from './channel-nav.js';
import { CommandBox } from './command-box.js';
import { FormDialog } from './form-dialog.js';
import { MessageList, type Busy } from './message-list.js';
import { UsersDialog } from './users-dialog.js';

export interface ConsoleProps {
  me: Me;
  onLocale(locale: string): void;
  onSignedOut(): void;
}

interface OpenForm {
  form: Form;
  channelId: string;
  messageId?: string;
}

export function Console({ me, onLocale, onSignedOut }: ConsoleProps) {
  const t = useT();
  const store = useMemo(() => new MessageStore(), []);
  const [, setTick] = useState(0);
  const [channels, setChannels] = useState<ChannelView[]>([]);
  const [commands, setCommands] = useState<CommandView[]>([]);
  const [current, setCurrent] = useState('incidents');
  const [more, setMore] = useState<Record<string, boolean>>({});
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [open, setOpen] = useState<OpenForm>();
  const [busy, setBusy] = useState<Busy>();
  const [notice, setNotice] = useState<string>();
  const [commandError, setCommandError] = useState<string>();
  const [live, setLive] = useState(false);
  const [showUsers, setShowUsers] = useState(false);
  /** The channel on screen, for the live stream's handlers, which are set up once. */
  const currentRef = useRef(current);

  const failed = (failure: unknown) => {
    const f = failure instanceof ApiFailure ? failure : new ApiFailure(0, 'network');
    if (f.status === 401) onSignedOut();
    return errorText(t, f.code, f.retryAfter);
  };
  const loadHistory = async (channelId: string, before?: string) => {
    const query = before ? `?before=${encodeURIComponent(before)}` : '';
    const page = await api<HistoryPage>('GET', `/channels/${encodeURIComponent(channelId)}/messages${query}`);
    store.upsert(page.messages);
    if (!before || !page.more) setMore((m) => ({ ...m, [channelId]: page.more }));
  };

  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);
  useEffect(() => {
    api<{ channels: ChannelView[] }>('GET', '/channels').then((r) => setChannels(r.channels), failed);
    api<{ commands: CommandView[] }>('GET', '/commands').then((r) => setCommands(r.commands), failed);
  }, [me.locale]);
  useEffect(
    () =>
      connectLive({
        message: (view) => {
          const fresh = store.upsert([view]);
          const elsewhere = fresh.filter((v) => v.channelId !== currentRef.current && !v.author);
          if (elsewhere.length) {
            setUnread((u) => {
              const next = { ...u };
              for (const v of elsewhere) next[v.channelId] = (next[v.channelId] ?? 0) + 1;
              return next;
            });
          }
        },
        ready: () => void loadHistory(currentRef.current).catch(failed),
        signedOut: onSignedOut,
        connection: setLive,
        closed: () => void api('GET', '/me').catch(failed),
      }),
    [],
  );
  useEffect(() => {
    currentRef.current = current;
    setUnread((u) => ({ ...u, [current]: 0 }));
    void loadHistory(current).catch(failed);
  }, [current]);

  const act = async (view: WebMessageView, button: CardButton) => {
    setBusy({ messageId: view.id, button: `${button.actionId}:${button.value}` });
    setNotice(undefined);
    try {
      const result = await api<InteractionResult>('POST', '/actions', {
        messageId: view.id,
        actionId: button.actionId,
        value: button.value,
        requestId: requestId(),
      });
      if (result.form) setOpen({ form: result.form, channelId: view.channelId, messageId: view.id });
    } catch (failure) {
      setNotice(failed(failure));
    } finally {
      setBusy(undefined);
    }
  };
  const send = async (text: string) => {
    setCommandError(undefined);
    try {
      const result = await api<InteractionResult>('POST', '/commands', {
        channelId: current,
        text,
        requestId: requestId(),
      });
      if (result.form) setOpen({ form: result.form, channelId: current });
      return true;
    } catch (failure) {
      setCommandError(failed(failure));
      return false;
    }
  };
  const submit = async (form: OpenForm, values: Record<string, string>) => {
    const result = await api<InteractionResult>('POST', '/forms', {
      channelId: form.channelId,
      formId: form.form.id,
      values,
      ...(form.form.privateValue ? { privateValue: form.form.privateValue } : {}),
      ...(form.messageId ? { messageId: form.messageId } : {}),
      requestId: requestId(),
    });
    setOpen(result.form ? { ...form, form: result.form } : undefined);
  };
  const signOut = async () => {
    await api('DELETE', '/session').catch(() => undefined);
    onSignedOut();
  };

  const channel = channels.find((c) => c.id === current);
  const label = channel ? `${channel.direct ? '@' : '#'} ${channel.label}` : current;
  return (
    <div class="console">
      <a class="skip-link" href="#command-input">
        {t('nav.skip')}
      </a>
      <header class="top">
        <h1>{t('app.title')}</h1>
        <span class={live ? 'live on' : 'live'} role="status">
          {live ? t('live.on') : t('live.off')}
        </span>
        <span class="me">
          {me.key}
          {me.roles.length ? ` · ${me.roles.join(', ')}` : ''}
        </span>
        <LanguageSwitch locale={me.locale} onSwitch={onLocale} />
        {me.admin && me.mode === 'password' ? (
          <button type="button" class="btn plain" onClick={() => setShowUsers(true)}>
            {t('users.open')}
          </button>
        ) : null}
        <button type="button" class="btn plain" onClick={() => void signOut()}>
          {t('signin.sign_out')}
        </button>
      </header>
      <TrialBanner mode={me.mode} />
      <ChannelNav channels={channels} current={current} unread={unread} onPick={setCurrent} />
      <main class="pane">
        <h2 class="pane-title">{label}</h2>
        {notice ? (
          <p class="error" role="alert">
            {notice}
          </p>
        ) : null}
        <MessageList
          label={label}
          channel={store.channel(current)}
          locale={me.locale}
          timezone={me.timezone}
          more={more[current] ?? false}
          onOlder={() => void loadHistory(current, store.channel(current).cards[0]?.id).catch(failed)}
          onAction={(view, button) => void act(view, button)}
          busy={busy}
        />
        <CommandBox commands={commands} onSend={send} error={commandError} />
      </main>
      {open ? (
        <FormDialog
          key={open.form.id}
          form={open.form}
          onSubmit={(values) => submit(open, values)}
          onClose={() => setOpen(undefined)}
        />
      ) : null}
      {showUsers ? <UsersDialog onClose={() => setShowUsers(false)} /> : null}
    </div>
  );
}
