// Starts webhook delivery after the response has been sent, so the user never waits for
// it. Anything it misses stays in the outbox for the next run (npm run jobs / the reconciler).
import "server-only";
import { after } from "next/server";
import { log } from "@/lib/telemetry/logger";
import { deliverPendingNotifications } from "./deliver";

export function deliverSoon(): void {
  after(() => deliverPendingNotifications().then(() => undefined, (error: unknown) => log.error("notification delivery failed", { error })));
}
