"use server";
// Asking for access to a workspace of the directory.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestAccess } from "@/lib/access/request";
import { serverAction } from "@/lib/operations/server-action";

export const requestAccessAction = serverAction(requestAccess, () => {
  revalidatePath("/access");
  redirect("/access?asked=1");
});
