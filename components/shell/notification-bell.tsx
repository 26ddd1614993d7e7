// The header's bell: how many in-app notifications the person has not read, linking to them.
// A server component: it costs no JavaScript, and router.refresh() (live status) updates it too.
import Link from "next/link";
import type { Ctx } from "@/lib/model/actor";
import { countMyUnreadNotifications, UNREAD_COUNT_CAP } from "@/lib/notifications/inbox";

export function unreadLabel(count: number): string {
  if (count === 0) return "Notifications, none unread";
  return `Notifications, ${count > UNREAD_COUNT_CAP ? `more than ${UNREAD_COUNT_CAP}` : count} unread`;
}

export async function NotificationBell({ ctx }: { ctx: Ctx }) {
  const count = await countMyUnreadNotifications(ctx, {});
  return (
    <Link href="/notifications" aria-label={unreadLabel(count)} data-testid="notification-bell" className="relative inline-flex items-center p-1 text-slate-600 hover:text-brand-700">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span aria-hidden="true" className="absolute -right-1.5 -top-1 min-w-[1.1rem] rounded-full bg-red-700 px-1 text-center text-[0.65rem] font-semibold leading-[1.1rem] text-white">
          {count > UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP}+` : count}
        </span>
      )}
    </Link>
  );
}
