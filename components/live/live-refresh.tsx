"use client";
// Keeps a server-rendered page current while something on it is in flight: polls the page's
// fingerprint (/api/live) with back-off, re-renders the page (router.refresh) when it changes,
// pauses while the tab is hidden, and stops once the server says nothing is in flight. What changed
// is announced in a polite live region. No client data layer: the server renders everything.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const FIRST_DELAY_MS = 1_500;
const MAX_DELAY_MS = 30_000;

/** The next wait: back to the first after a change, else 1.6× the last one, capped. */
export function nextDelay(previous: number, changed: boolean): number {
  return changed ? FIRST_DELAY_MS : Math.min(Math.round(previous * 1.6), MAX_DELAY_MS);
}

export function LiveRefresh({
  source,
  v,
  inFlight,
  announcement,
  quiet = false,
}: {
  source: string;
  v: string;
  inFlight: boolean;
  announcement: string;
  /** A polite live region without role=status: for pages whose own banners already carry each result (the queue). */
  quiet?: boolean;
}) {
  const router = useRouter();
  // Announce only what a live refresh brought, not the page itself nor the person's own action
  // (a form says its own outcome).
  const refreshed = useRef(false);
  const last = useRef(announcement);
  const [said, setSaid] = useState("");

  useEffect(() => {
    if (refreshed.current && announcement !== last.current) setSaid(announcement);
    refreshed.current = false;
    last.current = announcement;
  }, [announcement, v]);

  useEffect(() => {
    if (!inFlight) return;
    let delay = FIRST_DELAY_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    let busy = false;
    const schedule = () => {
      if (!done && !document.hidden) timer = setTimeout(poll, delay);
    };
    const poll = async () => {
      timer = undefined;
      busy = true;
      try {
        const response = await fetch(source, { cache: "no-store", headers: { accept: "application/json" } });
        if (!response.ok) {
          // Signed out, no longer allowed, gone: the next navigation says so; stop asking.
          if (response.status < 500 && response.status !== 429) return;
          delay = Math.min(delay * 2, MAX_DELAY_MS);
        } else {
          const state = (await response.json()) as { v: string; inFlight: boolean };
          if (state.v !== v) {
            done = true;
            refreshed.current = true;
            router.refresh();
            return;
          }
          if (!state.inFlight) return;
          delay = nextDelay(delay, false);
        }
      } catch {
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      } finally {
        busy = false;
      }
      schedule();
    };
    const onVisibility = () => {
      if (document.hidden) {
        if (timer) clearTimeout(timer);
        timer = undefined;
      } else if (!timer && !busy && !done) {
        delay = FIRST_DELAY_MS;
        void poll();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    return () => {
      done = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [source, v, inFlight, router]);

  return (
    <div aria-live="polite" data-testid="live-announcement">
      {said && (
        <p role={quiet ? undefined : "status"} className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {said}
        </p>
      )}
    </div>
  );
}
