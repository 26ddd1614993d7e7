"use client";
// React resets a form after its action runs, which drops what the person typed when the server
// refused it. Submitting through a transition instead keeps every value (and the marked fields);
// without JavaScript the form's own `action` still posts normally.
import { startTransition, type FormEvent } from "react";

export function submitKeepingValues(formAction: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
}
