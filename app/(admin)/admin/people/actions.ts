"use server";
// Admin actions on people. Rules and audit live in lib/people.
import { revalidatePath } from "next/cache";
import { endPersonSessions } from "@/lib/people/sessions";
import { serverAction } from "@/lib/operations/server-action";

export const endPersonSessionsAction = serverAction(endPersonSessions, ({ result }) => {
  revalidatePath("/admin/people");
  return { status: "success", message: `Every session of ${result.email} has ended; they must sign in again.` };
});
