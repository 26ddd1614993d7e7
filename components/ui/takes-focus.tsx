"use client";
// The outcome of an action that ended on another page (a redirect): it takes the focus when it
// arrives, so that keyboard and screen-reader users start from what happened, not from <body>.
import { useEffect, useRef, type ReactNode } from "react";

export function TakesFocus({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Nothing to say (a plain visit of the page): the focus stays where the browser puts it.
  useEffect(() => {
    if (ref.current?.childElementCount) ref.current.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      {children}
    </div>
  );
}
