// Stopping cleanly on SIGTERM (Kubernetes) or SIGINT (Ctrl-C): stop taking new requests and the
// reconciler's next pass, let the requests and the pass in flight finish, release the leader
// lock, close the database pool, then exit. All within a grace period, after which the process
// exits anyway (Kubernetes would kill it a little later: terminationGracePeriodSeconds).
import type { BerthLog } from "./logger";

export interface ShutdownStep {
  name: string;
  /** "stop" steps run together first (stop accepting, stop the loop); "release" steps after them. */
  phase: "stop" | "release";
  run: () => Promise<void>;
}

export interface ShutdownOptions {
  steps: ShutdownStep[];
  graceMs: number;
  log: Pick<BerthLog, "info" | "error" | "warn" | "flush">;
  /** Whether this process should exit once done: false when Next's own handler will (see README). */
  exitWhenDone: boolean;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
  on?: (signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void) => void;
}

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

async function runPhase(steps: ShutdownStep[], log: ShutdownOptions["log"]): Promise<void> {
  await Promise.all(
    steps.map(async (step) => {
      const start = Date.now();
      try {
        await step.run();
        log.info("shutdown step done", { step: step.name, durationMs: Date.now() - start });
      } catch (error) {
        log.error("shutdown step failed", { step: step.name, error });
      }
    }),
  );
}

/** Runs the steps once; resolves "done" or "timed_out". */
export async function shutDown(options: Pick<ShutdownOptions, "steps" | "graceMs" | "log">): Promise<"done" | "timed_out"> {
  const work = (async () => {
    await runPhase(options.steps.filter((s) => s.phase === "stop"), options.log);
    await runPhase(options.steps.filter((s) => s.phase === "release"), options.log);
    return "done" as const;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timed_out">((resolve) => {
    timer = setTimeout(() => resolve("timed_out"), options.graceMs);
    timer.unref();
  });
  const outcome = await Promise.race([work, timeout]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Installs the signal handlers. A repeated signal changes nothing: a shell's Ctrl-C reaches the
 * whole process group, so the same stop often arrives twice; the grace period bounds it anyway.
 */
export function handleShutdownSignals(options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const on = options.on ?? ((signal, listener) => void process.on(signal, listener));
  let stopping = false;
  for (const signal of options.signals ?? (["SIGTERM", "SIGINT"] as NodeJS.Signals[])) {
    on(signal, () => {
      if (stopping) return;
      stopping = true;
      options.log.info("stopping", { signal, graceMs: options.graceMs });
      void shutDown(options).then((outcome) => {
        if (outcome === "timed_out") options.log.error("shutdown grace period over: exiting with work unfinished", { graceMs: options.graceMs });
        else options.log.info("stopped", { signal });
        options.log.flush();
        if (options.exitWhenDone) exit(outcome === "done" ? 0 : (EXIT_CODE[signal] ?? 1));
      });
    });
  }
}
