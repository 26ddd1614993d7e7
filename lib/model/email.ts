// Emails are compared case-folded everywhere: a Profile owner, a notification's recipient, a decider.
export function foldEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}
