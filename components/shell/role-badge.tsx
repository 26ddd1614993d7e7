"use client";
// The roles the header claims. A privileged role that needs its sign-in confirmed is shown as
// such, with the way to confirm it: when the session says so, when its bound passes while the
// page is open, and when a form's action was refused for that reason (RECONFIRM_EVENT).
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { RECONFIRM_EVENT } from "@/components/ui/reconfirm-event";
import type { Role } from "@/lib/model/roles";

export function RoleBadge({ roles, staleRoles, rolesExpireAt }: { roles: Role[]; staleRoles: Role[]; rolesExpireAt?: number }) {
  const privilegedKey = roles.filter((role) => role !== "requester").join(",");
  const privileged = privilegedKey ? (privilegedKey.split(",") as Role[]) : [];
  const [stale, setStale] = useState<Role[]>(staleRoles);
  const pathname = usePathname();

  useEffect(() => {
    if (!privilegedKey) return;
    const expire = () => setStale((current) => (current.length > 0 ? current : (privilegedKey.split(",") as Role[])));
    window.addEventListener(RECONFIRM_EVENT, expire);
    const timer = rolesExpireAt ? setTimeout(expire, Math.max(0, rolesExpireAt * 1000 - Date.now())) : undefined;
    return () => {
      window.removeEventListener(RECONFIRM_EVENT, expire);
      clearTimeout(timer);
    };
  }, [privilegedKey, rolesExpireAt]);

  const held = privileged.filter((role) => !stale.includes(role));
  return (
    <>
      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{held.join(", ") || "requester"}</span>
      {stale.length > 0 && (
        <a href={`/signin?reauth=1&callbackUrl=${encodeURIComponent(pathname)}`} className="ml-2 text-xs text-amber-900 underline">
          Confirm your sign-in to act as {stale.join(", ")}
        </a>
      )}
    </>
  );
}
