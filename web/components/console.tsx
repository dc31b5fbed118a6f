// The console once signed in: channels on the side, the chosen channel's messages, the command
// box; forms as dialogs; everything new arriving live, with the person's attention called to what
// matters to them (web/attention/); private messages fading from a channel after a while.
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
import { useAttention } from '../attention/use-attention.js';
import { errorText, useT } from '../i18n.js';
import { connectLive } from '../live.js';
import { MessageStore } from '../message-store.js';
import { usePending } from '../use-pending.js';
import { AttentionDialog } from './attention-dialog.js';
import { TrialBanner } from './chrome.js';
import { ChannelNav } from './channel-nav.js';
import { CommandBox } from './command-box.js';
import { ConsoleHeader } from './console-header.js';
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

/** How long a private message takes to fade out before it leaves the channel's view (ms). */
const FADE_OUT_MS = 800;

export function Console({ me, onLocale, onSignedOut }: ConsoleProps) {
  const t = useT();
  const store = useMemo(() => new MessageStore(), []);
  const [tick, setTick] = useState(0);
  const [arrivals, setArrivals] = useState(0);
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
  const [dialog, setDialog] = useState<'users' | 'attention'>();
  /** The channel on screen, for the live stream's handlers, which are set up once. */
  const currentRef = useRef(current);

  const channelLabel = (channelId: string) => {
    const channel = channels.find((c) => c.id === channelId);
    return channel ? `${channel.direct ? '@' : '#'} ${channel.label}` : channelId;
  };
  const attention = useAttention({
    personKey: me.key,
    locale: me.locale,
    current,
    t,
    channelLabel,
    onPick: setCurrent,
  });
  const direct = channels.find((c) => c.id === current)?.direct ?? current.startsWith('dm:');
  // Private messages fade from the fixed channels; the direct messages keep them.
  const fadeMs = direct ? undefined : me.privateFadeMs;

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
          // Private messages are the person's own doings and answers: no badge for those.
          const elsewhere = fresh.filter((v) => v.channelId !== currentRef.current && !v.author && !v.private);
          if (elsewhere.length) {
            setUnread((u) => {
              const next = { ...u };
              for (const v of elsewhere) next[v.channelId] = (next[v.channelId] ?? 0) + 1;
              return next;
            });
          }
          if (fresh.length) {
            attention.noticed(fresh);
            setArrivals((n) => n + 1);
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
  // Looks again when the next private message starts to fade out, and when it is gone.
  const nextFade = fadeMs === undefined ? undefined : store.nextFade(current, fadeMs);
  useEffect(() => {
    if (nextFade === undefined) return;
    const now = Date.now();
    const wake = now < nextFade - FADE_OUT_MS ? nextFade - FADE_OUT_MS : nextFade;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, wake - now) + 20);
    return () => clearTimeout(timer);
  }, [nextFade, tick]);

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
  /** True when the box may be emptied: false keeps what was typed, to fix and send again. */
  const send = async (text: string) => {
    setCommandError(undefined);
    try {
      const result = await api<InteractionResult>('POST', '/commands', {
        channelId: current,
        text,
        requestId: requestId(),
      });
      if (result.form) setOpen({ form: result.form, channelId: current });
      if (result.refused) setCommandError(result.refused.text);
      return !result.refused;
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

  const shown = store.channel(current, fadeMs);
  const pending = usePending(current, shown.cards.length === 0, arrivals);
  const label = channelLabel(current);
  const waiting = Object.values(attention.counts).reduce((sum, n) => sum + n, 0);
  return (
    <div class="console">
      <a class="skip-link" href="#command-input">
        {t('nav.skip')}
      </a>
      <ConsoleHeader
        me={me}
        live={live}
        waiting={waiting}
        onLocale={onLocale}
        onAttention={() => setDialog('attention')}
        onUsers={() => setDialog('users')}
        onSignOut={() => void signOut()}
      />
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
          channel={shown}
          locale={me.locale}
          timezone={me.timezone}
          more={more[current] ?? false}
          onOlder={() => void loadHistory(current, shown.cards[0]?.id).catch(failed)}
          onAction={(view, button) => void act(view, button)}
          busy={busy}
          pending={pending}
          channelLabel={channelLabel}
          fading={(view) =>
            fadeMs !== undefined &&
            view.private === true &&
            (store.seen(view.id) ?? 0) + fadeMs - FADE_OUT_MS <= Date.now()
          }
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
      {dialog === 'users' ? <UsersDialog onClose={() => setDialog(undefined)} /> : null}
      {dialog === 'attention' ? (
        <AttentionDialog
          prefs={attention.prefs}
          channels={channels}
          chime={attention.chime}
          onChange={attention.setPrefs}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
    </div>
  );
}
