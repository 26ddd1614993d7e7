// The server-action binding hands the submitted values back with every failure (React resets a
// form after its action), and turns a refusal caused by an unconfirmed role into an offer to
// confirm the sign-in instead of "not allowed".
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/lib/model/actor";
import { ForbiddenError, ValidationError } from "@/lib/model/errors";
import type { Role } from "@/lib/model/roles";

const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("@/lib/auth/session", () => ({ currentCtx: () => Promise.resolve(session.ctx) }));
vi.mock("@/lib/audit/denials", () => ({ recordDenial: () => Promise.resolve() }));
vi.mock("@/lib/auth/request-meta", () => ({ requestMeta: () => Promise.resolve({}) }));

const { serverAction, RECONFIRM_MESSAGE } = await import("./server-action");

function ctxWith(roles: Role[], staleRoles: Role[] = []): Ctx {
  return {
    actor: { issuer: "i", subject: "s", email: "grace@example.com", name: "Grace", roles, userId: "u" },
    meta: {},
    staleRoles,
  } as unknown as Ctx;
}

function operationThatThrows(error: unknown, roles: readonly Role[] = ["admin"]) {
  return {
    declaration: { name: "thing.do", title: "doing a thing", roles, input: null, audit: [] },
    execute: () => Promise.reject(error),
  } as never;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set("$ACTION_ID_abc", "");
  return data;
}

describe("serverAction", () => {
  beforeEach(() => {
    session.ctx = ctxWith(["requester", "admin"]);
  });

  it("hands back every submitted text field with the field errors, without Next's own entries", async () => {
    const action = serverAction(operationThatThrows(new ValidationError("Please correct the highlighted fields.", { name: ["Bad."] })));
    const state = await action({ status: "idle" }, form({ name: "Bad Name", reason: "Because.", "quota.pods": "4" }));
    expect(state).toEqual({
      status: "error",
      message: "Please correct the highlighted fields.",
      errors: { name: ["Bad."] },
      values: { name: "Bad Name", reason: "Because.", "quota.pods": "4" },
    });
  });

  it("bounds what it hands back: no files, long text cut (THREATS 80)", async () => {
    const data = form({ reason: "x".repeat(20_000) });
    data.set("upload", new File(["secret"], "a.txt"));
    const state = await serverAction(operationThatThrows(new ForbiddenError()))({ status: "idle" }, data);
    expect(state.values?.reason).toHaveLength(10_000);
    expect(state.values).not.toHaveProperty("upload");
  });

  it("offers to confirm the sign-in, keeping the values, when the refused role is only waiting for confirmation", async () => {
    session.ctx = ctxWith(["requester"], ["admin"]);
    const state = await serverAction(operationThatThrows(new ForbiddenError()))({ status: "idle" }, form({ reason: "Typed." }));
    expect(state).toEqual({ status: "error", message: RECONFIRM_MESSAGE, values: { reason: "Typed." }, reconfirm: true });
  });

  it("stays a plain refusal when the person never held the role, or holds it and was refused for another reason", async () => {
    session.ctx = ctxWith(["requester"], ["auditor"]);
    const notHeld = await serverAction(operationThatThrows(new ForbiddenError()))({ status: "idle" }, form({}));
    expect(notHeld).toMatchObject({ status: "error", message: "You are not allowed to do that." });
    expect(notHeld.reconfirm).toBeUndefined();
    session.ctx = ctxWith(["requester", "admin"], []);
    const held = await serverAction(operationThatThrows(new ForbiddenError("You may not decide your own request.")))({ status: "idle" }, form({}));
    expect(held.reconfirm).toBeUndefined();
  });
});
