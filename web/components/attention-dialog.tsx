// Notification settings, opened by the bell in the header: desktop notifications (asking the
// browser on this click), the chime (with a button to hear it), and the channels followed.
import { useState } from 'preact/hooks';
import type { ChannelView } from '../../src/chat/web/api-types.js';
import type { Chime } from '../attention/chime.js';
import { askDesktop, desktopState, type DesktopState } from '../attention/desktop.js';
import type { AttentionPrefs } from '../attention/preferences.js';
import { useT } from '../i18n.js';
import { Dialog } from './dialog.js';

export interface AttentionDialogProps {
  prefs: AttentionPrefs;
  channels: readonly ChannelView[];
  chime: Chime;
  onChange(prefs: AttentionPrefs): void;
  onClose(): void;
}

export function AttentionDialog({ prefs, channels, chime, onChange, onClose }: AttentionDialogProps) {
  const t = useT();
  const [browser, setBrowser] = useState<DesktopState>(desktopState);
  const desktopOn = prefs.desktop && browser === 'granted';

  const toggleDesktop = async (wanted: boolean) => {
    if (!wanted) return onChange({ ...prefs, desktop: false });
    const answer = await askDesktop();
    setBrowser(answer);
    onChange({ ...prefs, desktop: answer === 'granted' });
  };
  const toggleFollow = (channelId: string, on: boolean) => {
    const others = prefs.follows.filter((id) => id !== channelId);
    onChange({ ...prefs, follows: on ? [...others, channelId] : others });
  };

  return (
    <Dialog title={t('attention.title')} onClose={onClose}>
      <div class="form attention">
        <p class="hint">{t('attention.intro')}</p>
        <label class="check">
          <input
            type="checkbox"
            id="attention-desktop"
            checked={desktopOn}
            disabled={browser === 'unsupported'}
            onChange={(event) => void toggleDesktop(event.currentTarget.checked)}
          />
          {t('attention.desktop')}
        </label>
        {browser === 'denied' ? (
          <p class="error" role="alert">
            {t('attention.desktop_blocked')}
          </p>
        ) : null}
        {browser === 'unsupported' ? <p class="hint">{t('attention.desktop_unsupported')}</p> : null}
        <div class="check-row">
          <label class="check">
            <input
              type="checkbox"
              id="attention-sound"
              checked={prefs.sound}
              onChange={(event) => onChange({ ...prefs, sound: event.currentTarget.checked })}
            />
            {t('attention.sound')}
          </label>
          <button
            type="button"
            class="btn plain"
            onClick={() => {
              chime.unlock();
              chime.play();
            }}
          >
            {t('attention.try_sound')}
          </button>
        </div>
        <fieldset>
          <legend>{t('attention.follows')}</legend>
          {channels
            .filter((channel) => !channel.direct)
            .map((channel) => (
              <label key={channel.id} class="check">
                <input
                  type="checkbox"
                  data-follow={channel.id}
                  checked={prefs.follows.includes(channel.id)}
                  onChange={(event) => toggleFollow(channel.id, event.currentTarget.checked)}
                />
                # {channel.label}
              </label>
            ))}
          <p class="hint">{t('attention.follows_hint')}</p>
        </fieldset>
        <div class="form-buttons">
          <button type="button" class="btn primary" onClick={onClose}>
            {t('form.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
