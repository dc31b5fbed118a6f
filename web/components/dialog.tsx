// A modal <dialog>: the browser keeps focus inside it and Escape closes it; focus goes back to
// where it was when it closes, at once, whoever closes it.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ComponentChildren;
}

export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const before = useRef<HTMLElement | null>(null);
  const done = useRef(false);
  const titleId = useId();

  const restore = () => {
    done.current = true;
    if (ref.current?.open) ref.current.close();
    before.current?.focus();
  };
  useEffect(() => {
    before.current = document.activeElement as HTMLElement | null;
    if (!ref.current!.open) ref.current!.showModal();
    return restore;
  }, []);
  // Escape, or the browser closing it by itself (it may, on a second Escape): tell the page.
  const closedHere = () => {
    if (done.current) return;
    restore();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        closedHere();
      }}
      onClose={closedHere}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
