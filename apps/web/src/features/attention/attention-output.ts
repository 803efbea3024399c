/**
 * What gets a person's attention, behind one interface so screens say *what* happened and tests
 * can hook *how*: a tone (Web Audio, no sound file to ship), vibration, a system notification when
 * the tab is in the background, speech (Web Speech), and the tab title. Every call is a no-op
 * where the browser lacks the feature or has not allowed it yet.
 */
export type ToneKind = 'assignment' | 'priority1' | 'breach' | 'unanswered' | 'standby';

/** Beeps per kind: [frequency Hz, duration ms] pairs, a short gap between them. */
const TONES: Record<ToneKind, readonly (readonly [number, number])[]> = {
  assignment: [
    [880, 180],
    [1175, 180],
    [880, 180],
  ],
  priority1: [
    [988, 220],
    [740, 220],
    [988, 220],
  ],
  breach: [
    [523, 350],
    [392, 450],
  ],
  unanswered: [[660, 250]],
  standby: [
    [587, 160],
    [784, 200],
  ],
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  const Ctor =
    globalThis.AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context ??= new Ctor();
  return context;
}

export const attentionOutput = {
  /** Resumes audio after a user gesture (browsers start it suspended) and asks for notifications. */
  async unlock(): Promise<boolean> {
    const ctx = audio();
    if (ctx?.state === 'suspended') await ctx.resume().catch(() => undefined);
    if (typeof Notification !== 'undefined' && Notification.permission === 'default')
      await Notification.requestPermission().catch(() => undefined);
    return ctx?.state === 'running';
  },

  tone(kind: ToneKind): void {
    const ctx = audio();
    if (!ctx) return;
    let at = ctx.currentTime + 0.02;
    for (const [frequency, ms] of TONES[kind]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + ms / 1000);
      at += ms / 1000 + 0.06;
    }
  },

  vibrate(pattern: readonly number[]): void {
    if (typeof navigator !== 'undefined' && 'vibrate' in navigator) navigator.vibrate([...pattern]);
  },

  /** A system notification, only while the page is not in front (in front, the screen says it). */
  notify(title: string, body: string): void {
    if (typeof document === 'undefined' || document.visibilityState === 'visible') return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    new Notification(title, { body, tag: title });
  },

  speak(text: string, lang: string): void {
    const synth = globalThis.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    synth.speak(utterance);
  },
};

export type AttentionOutput = typeof attentionOutput;
