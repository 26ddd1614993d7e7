import { describe, expect, it } from "vitest";
import { handleShutdownSignals, shutDown, type ShutdownStep } from "./shutdown";

const quiet = { info() {}, warn() {}, error() {}, flush() {} };
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("graceful shutdown", () => {
  it("runs the stop steps together, then the release steps, then reports done", async () => {
    const order: string[] = [];
    const step = (name: string, phase: ShutdownStep["phase"], ms: number): ShutdownStep => ({
      name,
      phase,
      run: async () => {
        order.push(`${name} start`);
        await tick(ms);
        order.push(`${name} end`);
      },
    });
    const outcome = await shutDown({ steps: [step("pool", "release", 1), step("requests", "stop", 20), step("reconciler", "stop", 5)], graceMs: 1_000, log: quiet });
    expect(outcome).toBe("done");
    expect(order).toEqual(["requests start", "reconciler start", "reconciler end", "requests end", "pool start", "pool end"]);
  });

  it("gives up after the grace period, and a failing step does not stop the others", async () => {
    const released: string[] = [];
    const outcome = await shutDown({
      steps: [
        { name: "broken", phase: "stop", run: () => Promise.reject(new Error("boom")) },
        { name: "pool", phase: "release", run: async () => void released.push("pool") },
      ],
      graceMs: 1_000,
      log: quiet,
    });
    expect(outcome).toBe("done");
    expect(released).toEqual(["pool"]);
    expect(await shutDown({ steps: [{ name: "stuck", phase: "stop", run: () => new Promise(() => {}) }], graceMs: 20, log: quiet })).toBe("timed_out");
  });

  it("on SIGTERM stops once (a repeated signal changes nothing) and exits 0 when done, only if asked to", async () => {
    const listeners = new Map<string, (signal: NodeJS.Signals) => void>();
    const exits: number[] = [];
    let runs = 0;
    const options = {
      steps: [{ name: "loop", phase: "stop" as const, run: async () => void (runs += 1) }],
      graceMs: 1_000,
      log: quiet,
      on: (signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void) => void listeners.set(signal, listener),
      exit: (code: number) => void exits.push(code),
    };
    handleShutdownSignals({ ...options, exitWhenDone: true });
    listeners.get("SIGTERM")!("SIGTERM");
    listeners.get("SIGINT")!("SIGINT");
    await tick(10);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);

    handleShutdownSignals({ ...options, exitWhenDone: false });
    listeners.get("SIGTERM")!("SIGTERM");
    await tick(10);
    expect(runs).toBe(2);
    expect(exits).toEqual([0]);
  });
});
