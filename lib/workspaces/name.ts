// The workspace name becomes a Profile and a namespace, so it must be a DNS-1123 label
// (stricter than the Profile's own subdomain check) and must not shadow a system namespace,
// literally or by look (`kubef1ow`, `lstio-system`).
import { reservedNames, type ReservedName } from "@/lib/config";
import { foldLetters, nameSkeleton } from "./look-alike";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 63;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

export function checkWorkspaceName(input: string, reserved: ReservedName[] = reservedNames()): NameCheck {
  if (input.length === 0) return { ok: false, message: "Enter a workspace name." };
  if (input.length > MAX_LENGTH) {
    return { ok: false, message: `The name must be at most ${MAX_LENGTH} characters (it has ${input.length}).` };
  }
  // Checked before the pattern so look-alike letters get a message that says why.
  if (/[^\x20-\x7e]/.test(input)) {
    return { ok: false, message: "The name may only use plain ASCII: lower-case letters a–z, digits and '-'." };
  }
  if (/[A-Z]/.test(input)) return { ok: false, message: "The name must be lower case." };
  if (!DNS1123_LABEL.test(input)) {
    return {
      ok: false,
      message:
        "The name may contain only lower-case letters, digits and '-', and must start and end with a letter or digit (a DNS-1123 label).",
    };
  }
  const refusal = reservedRefusal(input, reserved);
  return refusal ? { ok: false, message: refusal } : { ok: true, name: input };
}

/** Why a name may not be used because of the reserved list: taken literally first, then by its folded form. */
function reservedRefusal(name: string, reserved: ReservedName[]): string | null {
  const literal = reserved.find((entry) => (entry.prefix ? name.startsWith(entry.value) : name === entry.value));
  if (literal) {
    const which = literal.prefix ? ` (names starting with "${literal.value}")` : "";
    return `"${name}" is reserved for the cluster's own namespaces${which}; choose another name.`;
  }
  // A whole reserved name is compared by skeleton ("d-ex" reads as "dex"); a prefix with its '-'
  // kept, so "kube-" refuses "kub3-x" but not every name that begins with "kube".
  const alike = reserved.find((entry) =>
    entry.prefix ? foldLetters(name).startsWith(foldLetters(entry.value)) : nameSkeleton(name) === nameSkeleton(entry.value),
  );
  if (alike) {
    const what = alike.prefix ? "reserved prefix" : "reserved name";
    return `"${name}" looks too much like the ${what} "${alike.value}"; choose a clearly different name.`;
  }
  return null;
}
