// Input shapes for admin operations on approved workspaces. Strict like every other input:
// a field the form does not have is an error.
import { z } from "zod";
import { QUOTA_PREFIX, quotaFieldShape } from "@/lib/quota/fields";
import { plainText } from "@/lib/model/text";

const id = z.uuid({ error: "Unknown workspace." });
const version = z.coerce.number({ error: "Reload the page and try again." }).int().positive();
const reason = plainText("Reason", 1_000);

export const lifecycleInput = z.strictObject({ workspaceId: id, version, reason });

export const decommissionInput = z.strictObject({
  workspaceId: id,
  version,
  reason,
  confirmName: z.string({ error: "Type the workspace name to confirm." }).max(100),
});

export const reapplyInput = z.strictObject({ workspaceId: id });

export const quotaEditInput = z.strictObject({
  workspaceId: id,
  version,
  reason,
  ...quotaFieldShape(QUOTA_PREFIX),
  /** A checkbox: a limit left empty is removed only when this says so, never by accident. */
  confirmRemove: z.literal("on").optional(),
});

export const transferInput = z.strictObject({
  workspaceId: id,
  version,
  reason,
  newOwnerEmail: z.string({ error: "Enter the new owner's email." }).trim().min(3, "Enter the new owner's email.").max(254),
});

export const adoptInput = z.strictObject({
  name: z.string({ error: "Unknown Profile." }).min(1).max(63),
  reason,
  /** A checkbox: adopt and suspend at once, for a Profile that is misused right now. */
  suspend: z.literal("on").optional(),
});
