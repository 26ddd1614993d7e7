// The one way lib/kube calls the API server: every request is bounded in time and carries
// its headers (callOptions), and whatever the client throws comes out as a KubeApiError.
import "server-only";
import { PatchStrategy, type ConfigurationOptions } from "@kubernetes/client-node";
import { recordKubeCall } from "@/lib/telemetry/metrics";
import { callOptions } from "./client";
import { KubeApiError, toKubeApiError } from "./errors";

export interface CallSettings<F> {
  /** Extra request headers, e.g. the server-side apply content type. */
  headers?: Record<string, string>;
  /** For reads where absence is an answer: what a 404 stands for. Without it a 404 throws like any failure. */
  notFound?: (error: KubeApiError) => F;
}

export async function kubeCall<T, F = never>(
  call: (options: ConfigurationOptions) => Promise<T>,
  { headers, notFound }: CallSettings<F> = {},
): Promise<T | F> {
  // A server-side apply (the kinds' modules send its content type) is also counted as an apply, by result.
  const isApply = Object.entries(headers ?? {}).some(([name, value]) => name.toLowerCase() === "content-type" && value === PatchStrategy.ServerSideApply);
  try {
    const result = await call(callOptions(headers));
    recordKubeCall(undefined, { isApply });
    return result;
  } catch (error) {
    const mapped = toKubeApiError(error);
    // An absence that the caller expects is an answer, not an API error.
    if (notFound && mapped.failure === "not_found") return notFound(mapped);
    recordKubeCall(mapped.failure, { isApply });
    throw mapped;
  }
}
