// Free text typed by a person (reasons, notes, descriptions): trimmed, capped, and free of the
// control and text-direction characters that would make it read differently where it is shown.
import { z } from "zod";

// C0/C1 controls other than tab and newline, and the bidi overrides that can make a
// reason read differently in the admin queue than what was typed.
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function plainText(field: string, max: number) {
  return z
    .string({ error: `${field} is required.` })
    .transform((value) => value.replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, `${field} is required.`)
        .max(max, `${field} must be at most ${max} characters.`)
        .refine((value) => !UNSAFE_TEXT.test(value), `${field} contains control or text-direction characters.`),
    );
}
