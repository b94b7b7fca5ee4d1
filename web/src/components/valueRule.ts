// The form rule of a reported value, shared by the data entry form and the round's fill drawer. It checks only
// what needs no plan data (present, a decimal number); ranges and plausibility are the plan's validation rules,
// applied by the server, whose message is always shown.
import type { Messages } from '../i18n.js';

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** `numberOnly`: a state is not an alternative (qualitative indicators, assigned figures excepted). */
export function valueRule(t: Messages, numberOnly: () => boolean) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, raw: string | undefined) => {
      const v = (raw ?? '').trim();
      if (!v) {
        if (numberOnly()) return Promise.reject(new Error(t.entry.valueRequired));
        return getFieldValue('state') ? Promise.resolve() : Promise.reject(new Error(t.entry.valueOrState));
      }
      return DECIMAL_RE.test(v) ? Promise.resolve() : Promise.reject(new Error(t.entry.valueNotNumber));
    },
  });
}
