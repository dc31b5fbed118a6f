// The command box: the same slash commands as on Slack and Discord, with completion of commands and
// subcommands. Enter sends; arrows move through suggestions, Tab or Enter takes one, Escape closes them.
import { useState } from 'preact/hooks';
import type { CommandView } from '../../src/chat/web/api-types.js';
import { suggestions } from '../completion.js';
import { useT } from '../i18n.js';

export interface CommandBoxProps {
  commands: readonly CommandView[];
  /** True empties the box; false keeps what was typed (refused or not sent), to fix and send again. */
  onSend(text: string): Promise<boolean>;
  /** Why the last command was refused or not sent, shown under the box. */
  error: string | undefined;
}

export function CommandBox({ commands, onSend, error }: CommandBoxProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [closed, setClosed] = useState(false);
  const [sending, setSending] = useState(false);
  const list = closed ? [] : suggestions(text, commands);
  const open = list.length > 0;

  const take = (index: number) => {
    setText(list[index]!.text);
    setActive(-1);
  };
  const send = async () => {
    if (!text.trim() || sending) return;
    setSending(true);
    try {
      if (await onSend(text.trim())) setText('');
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      class="command-box"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label for="command-input" class="visually-hidden">
        {t('command.label')}
      </label>
      {open ? (
        <ul id="command-suggestions" role="listbox" class="suggestions" aria-label={t('command.suggestions')}>
          {list.map((item, i) => (
            <li
              key={item.text}
              id={`suggestion-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                take(i);
              }}
            >
              <span class="suggestion-label">{item.label}</span>
              <span class="suggestion-description">{item.description}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id="command-input"
        type="text"
        autoComplete="off"
        spellcheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="command-suggestions"
        aria-activedescendant={open && active >= 0 ? `suggestion-${active}` : undefined}
        aria-describedby={error ? 'command-error' : 'command-hint'}
        placeholder={t('command.placeholder')}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setActive(-1);
          setClosed(false);
        }}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const last = list.length - 1;
            if (event.key === 'ArrowDown') setActive(active >= last ? 0 : active + 1);
            else setActive(active <= 0 ? last : active - 1);
          } else if (event.key === 'Tab' && !event.shiftKey) {
            event.preventDefault();
            take(active >= 0 ? active : 0);
          } else if (event.key === 'Enter' && active >= 0) {
            event.preventDefault();
            take(active);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            setClosed(true);
          }
        }}
      />
      <button type="submit" class="btn primary" disabled={sending}>
        {t('command.send')}
      </button>
      {error ? (
        <p id="command-error" class="error" role="alert">
          {error}
        </p>
      ) : (
        <p id="command-hint" class="hint">
          {t('command.hint')}
        </p>
      )}
    </form>
  );
}
