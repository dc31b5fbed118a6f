// A short two-note chime made by the Web Audio API (no sound file). Browsers let a page play sound
// only after a gesture of the person's, so the audio is set up on their first click or key press.

const NOTES = [
  { hz: 880, at: 0 },
  { hz: 660, at: 0.16 },
];
const NOTE_S = 0.14;
const VOLUME = 0.2;

export class Chime {
  private context: AudioContext | undefined;

  /** Call from a click or key press: from then on the page may play sound. */
  unlock(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') void this.context.resume();
  }

  /** Plays the chime if the browser allows sound yet; silently nothing otherwise. */
  play(): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    const start = context.currentTime + 0.01;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.hz;
      // A soft attack and decay, so the note does not click.
      gain.gain.setValueAtTime(0, start + note.at);
      gain.gain.linearRampToValueAtTime(VOLUME, start + note.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, start + note.at + NOTE_S);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + NOTE_S + 0.02);
    }
  }
}
