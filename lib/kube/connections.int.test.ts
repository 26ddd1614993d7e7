// Calls to the API server share kept-alive connections: without that, every read and every
// apply paid for a TCP connection and a TLS handshake (bench/RESULTS.md, approve).
import { beforeEach, describe, expect, it } from "vitest";
import { standIn, uniqueName } from "@/test/fixtures";
import { rawGet } from "./client";
import { getProfile } from "./profiles";

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.clearRequests();
});

async function profileReads(name: string) {
  return (await standIn.requests()).filter((r) => r.method === "GET" && r.path.endsWith(`/profiles/${name}`));
}

describe("connections to the API server", () => {
  it("reuses one connection for calls made one after another", async () => {
    const name = uniqueName("conn");
    for (let i = 0; i < 3; i++) expect(await getProfile(name)).toBeNull();

    const reads = await profileReads(name);
    expect(reads).toHaveLength(3);
    expect(new Set(reads.map((r) => r.connection)).size).toBe(1);
  });

  it("reuses connections for the raw reads the informers list with, too", async () => {
    for (let i = 0; i < 3; i++) await rawGet("/api/v1/namespaces", { limit: "1" });
    const lists = (await standIn.requests()).filter((r) => r.method === "GET" && r.path === "/api/v1/namespaces");
    expect(lists).toHaveLength(3);
    expect(new Set(lists.map((r) => r.connection)).size).toBe(1);
  });

  it("opens a new connection after the server reset the pooled one, and the next call succeeds", async () => {
    const name = uniqueName("conn");
    expect(await getProfile(name)).toBeNull();
    await standIn.injectFault({ method: "GET", pathPrefix: `/apis/kubeflow.org/v1/profiles/${name}`, count: 1, mode: "reset" });
    await expect(getProfile(name)).rejects.toMatchObject({ failure: "unreachable" });
    expect(await getProfile(name)).toBeNull();

    const [first, reset, after] = await profileReads(name);
    expect(reset?.connection).toBe(first?.connection);
    expect(after?.connection).not.toBe(reset?.connection);
  });
});
