// Input shapes for workspace operations. Strict: a field the form does not have (status,
// owner, quota numbers…) is an error, never silently used or ignored.
import { z } from "zod";
import { NotFoundError } from "@/lib/model/errors";
import { plainText } from "@/lib/model/text";
import { QUOTA_PREFIX, quotaFieldShape } from "@/lib/quota/fields";
import { checkWorkspaceName } from "./name";
import { JUSTIFICATION_MAX, REASON_MAX } from "./text-limits";

export { JUSTIFICATION_MAX, REASON_MAX };

export const workspaceName = z.string({ error: "Enter a workspace name." }).superRefine((value, issue) => {
  const check = checkWorkspaceName(value);
  if (!check.ok) issue.addIssue({ code: "custom", message: check.message });
});


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

/** A workspace named by a page's URL: any text, since text that is no UUID names no workspace. */
export const workspaceInUrl = z.strictObject({ workspaceId: z.string() });

/** The URL's id if it is a UUID; anything else is "not found", like anyone else's workspace, and never reaches the database. */
export function knownWorkspaceId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  return id;
}

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
