// Input shapes for workspace operations. Strict: a field the form does not have (status,
// owner, quota numbers…) is an error, never silently used or ignored.
import { z } from "zod";
import { quotaFieldShape } from "@/lib/quota/fields";
import { checkWorkspaceName } from "./name";
import { JUSTIFICATION_MAX, REASON_MAX } from "./text-limits";

export { JUSTIFICATION_MAX, REASON_MAX };


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

export const workspaceName = z.string({ error: "Enter a workspace name." }).superRefine((value, issue) => {
  const check = checkWorkspaceName(value);
  if (!check.ok) issue.addIssue({ code: "custom", message: check.message });
});

export const QUOTA_PREFIX = "quota.";

const optionalText = (field: string, max: number) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), plainText(field, max).optional());

export const requestWorkspaceInput = z.strictObject({
  name: workspaceName,
  tier: z.string({ error: "Choose a quota tier." }).min(1, "Choose a quota tier.").max(64),
  reason: plainText("Reason", REASON_MAX),
  // A "custom" request: other values than the tier's, with a justification.
  justification: optionalText("Justification", JUSTIFICATION_MAX),
  ...quotaFieldShape(QUOTA_PREFIX),
});
export type RequestWorkspaceInput = z.infer<typeof requestWorkspaceInput>;

export const workspaceIdInput = z.strictObject({
  workspaceId: z.uuid({ error: "Unknown workspace." }),
});

export const approveWorkspaceInput = z.strictObject({
  workspaceId: z.uuid({ error: "Unknown workspace." }),
  // Admin edits of the quota at approval; above the tier's maximum only with `override`.
  override: z.literal("on").optional(),
  ...quotaFieldShape(QUOTA_PREFIX),
});

export const renewWorkspaceInput = z.strictObject({
  workspaceId: z.uuid({ error: "Unknown workspace." }),
  reason: plainText("Reason for renewal", REASON_MAX),
});

export const rejectWorkspaceInput = z.strictObject({
  workspaceId: z.uuid({ error: "Unknown workspace." }),
  note: plainText("Reason for rejection", 1_000),
});
