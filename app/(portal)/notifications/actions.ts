"use server";
// Marking in-app notifications read; the rules live in lib/notifications/inbox.ts.
import { revalidatePath } from "next/cache";
import { markNotificationsRead } from "@/lib/notifications/inbox";
import { serverAction } from "@/lib/operations/server-action";

export const markReadAction = serverAction(markNotificationsRead, ({ result }) => {
  // The bell sits in every layout.
  revalidatePath("/", "layout");
  return { status: "success", message: result.marked === 1 ? "Marked read." : `${result.marked} marked read.` };
});
