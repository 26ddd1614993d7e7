"use client";
// Re-renders the page every two seconds while a verification runs, so its progress moves.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhileRunning({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}
