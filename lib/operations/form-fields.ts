// A form's fields as the operation will parse them, bounded before anything reads them
// (THREATS 72): how many fields, how long a field's name, and no name that would reach an
// object's prototype. Past a bound the form is refused as a whole with a validation error
// (shown like any other, never a 500). The body's size is bounded twice: proxy.ts answers 413
// to a declared length over MAX_BODY_BYTES, and Next refuses any longer body it reads
// (`serverActions.bodySizeLimit` in next.config.js, the same 100 KB).
import { ValidationError } from "@/lib/model/errors";

export type FormFields = Record<string, FormDataEntryValue>;

/** Far above any form of Berth's: its longest texts are a few KB. */
export const MAX_BODY_BYTES = 100 * 1024;

/** More than any of Berth's forms has (the tier form, the largest, has about 40). */
export const MAX_FIELDS = 100;
/** Longer than any of Berth's own field names (`quota.requests.nvidia.com/gpu` and the like). */
export const MAX_FIELD_NAME = 100;

// Names that mean something on every object: as keys of a plain object they would read or set
// its prototype rather than hold the user's value.
const PROTOTYPE_NAMES = new Set(["__proto__", "prototype", ...Object.getOwnPropertyNames(Object.prototype)]);

const refuse = (message: string) => new ValidationError("This form cannot be accepted.", { form: [message] });

export function formFields(entries: Iterable<[string, FormDataEntryValue]>): FormFields {
  // No prototype at all: even a name missed above stays a plain key.
  const fields = Object.create(null) as FormFields;
  let count = 0;
  for (const [key, value] of entries) {
    // Next adds its own `$ACTION…` entries to progressively enhanced forms.
    if (key.startsWith("$ACTION")) continue;
    if (++count > MAX_FIELDS) throw refuse(`A form has at most ${MAX_FIELDS} fields.`);
    if (key.length > MAX_FIELD_NAME) throw refuse(`A field name has at most ${MAX_FIELD_NAME} characters.`);
    if (PROTOTYPE_NAMES.has(key)) throw refuse(`"${key}" is not a field of this form.`);
    // A file stays in as what it is, so that parsing (after the role check) refuses it as not text.
    fields[key] = value;
  }
  // Strict parsing compares against a plain object's keys; hand it one, built from checked names only.
  return { ...fields };
}
