// Input shapes of the access operations. Strict, like every operation's: the role can only be
// view or edit (admin is the owner's, never a grant's), a group name is what Dex would send.
import { z } from "zod";
import { plainText } from "@/lib/model/text";
import { REASON_MAX } from "@/lib/workspaces/text-limits";

export const ROLE_ERROR = "Choose view or edit access; admin access belongs to the owner alone.";
export const contributorRole = z.enum(["view", "edit"], { error: ROLE_ERROR });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An end date from a date field (`YYYY-MM-DD`, the end of that day in UTC), or none. */
export const endDate = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .regex(DATE, "Enter the end date as a date.")
    .transform((value, issue) => {
      const date = new Date(`${value}T23:59:59.999Z`);
      if (Number.isNaN(date.getTime())) {
        issue.addIssue({ code: "custom", message: "Enter a real date." });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

const id = (what: string) => z.uuid({ error: `Unknown ${what}.` });

export const requestAccessInput = z.strictObject({
  workspaceId: id("workspace"),
  role: contributorRole,
  reason: plainText("Reason", REASON_MAX),
  endsAt: endDate,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GROUP = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;

export const addContributorInput = z
  .strictObject({
    workspaceId: id("workspace"),
    subjectKind: z.enum(["User", "Group"], { error: "Choose a person or a group." }),
    subject: z.string({ error: "Enter an email or a group." }).trim().min(1, "Enter an email or a group.").max(254, "At most 254 characters."),
    role: contributorRole,
    reason: plainText("Reason", REASON_MAX),
    endsAt: endDate,
  })
  .superRefine((input, issue) => {
    if (input.subjectKind === "User" && !EMAIL.test(input.subject)) {
      issue.addIssue({ code: "custom", path: ["subject"], message: "Enter the person's email address." });
    }
    if (input.subjectKind === "Group" && !GROUP.test(input.subject)) {
      issue.addIssue({ code: "custom", path: ["subject"], message: "Enter a group name as Dex sends it (letters, digits, . _ : @ / -)." });
    }
  });

export const grantIdInput = z.strictObject({ grantId: id("access grant") });

export const rejectAccessInput = z.strictObject({
  grantId: id("access grant"),
  note: plainText("Reason for rejection", 1_000),
});

export const listingInput = z.strictObject({
  workspaceId: id("workspace"),
  description: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), plainText("Description", 500).optional()),
  unlisted: z.literal("on").optional(),
});

export const driftObjectInput = z.strictObject({
  namespace: z.string().min(1).max(63),
  objectName: z.string().min(1).max(253),
});

export const reportInput = z.strictObject({
  asOf: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.iso.datetime({ local: true, error: "Enter a date and time." }).or(z.string().regex(DATE, "Enter a date.")).optional(),
  ),
});
