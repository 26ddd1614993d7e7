"use server";
// Starting a verification job (a POST; the page follows its progress).
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/operations/server-action";
import { startVerification } from "@/lib/audit-trail/verify-job";

export const startVerificationAction = serverAction(startVerification, ({ input }) => {
  revalidatePath("/audit/verify");
  return { status: "success", message: `${input.kind === "full" ? "Full" : "Incremental"} verification started.` };
});
