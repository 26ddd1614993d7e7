// When a renewal may be asked for: inside the notice window before the end date, and once per
// window, so that asking again and again cannot push the end date out for ever.
const DAY_MS = 24 * 60 * 60 * 1000;

export type RenewalWindow =
  | { open: true; opensAt: Date }
  | { open: false; opensAt: Date; reason: string };

export function renewalWindow(expiresAt: Date, lastRenewedAt: Date | null, noticeDays: number, now: Date): RenewalWindow {
  const opensAt = new Date(expiresAt.getTime() - noticeDays * DAY_MS);
  if (now < opensAt) return { open: false, opensAt, reason: `Renewal opens ${noticeDays} days before the end date: you can ask from ${day(opensAt)}.` };
  if (lastRenewedAt && lastRenewedAt >= opensAt) {
    return { open: false, opensAt, reason: `This workspace was already renewed on ${day(lastRenewedAt)}; the next renewal opens on ${day(opensAt)} before its new end date.` };
  }
  return { open: true, opensAt };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
