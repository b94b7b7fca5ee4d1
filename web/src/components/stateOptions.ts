// The choices of a state (状态) field: the states the plan uses for the indicator first, then the rest of the
// target language's states. Shared by the data entry form and the round's fill drawer.
import type { Messages } from '../i18n.js';

/** The state codes of the target language (the server also accepts their Chinese labels). */
const STATE_CODES = [
  'formulatedAndImplemented',
  'carriedOutEffectively',
  'fullyImplemented',
  'established',
  'implemented',
  'notSignificant',
  'noWorseThanClassV',
  'noBlackOdorousWater',
  'beingDrafted',
] as const;

/** `drafting`: offer 在编 (being drafted), a baseline state that a round no longer reports. */
export function stateOptions(t: Messages, preferred: readonly string[], opts: { drafting: boolean }) {
  const rest = STATE_CODES.filter((c) => !preferred.includes(c) && (opts.drafting || c !== 'beingDrafted'));
  return [...preferred, ...rest].map((c) => ({ value: c, label: t.target.state(c) ?? c }));
}
