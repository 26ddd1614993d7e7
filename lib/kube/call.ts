// The one way lib/kube calls the API server: every request is bounded in time and carries
// its headers (callOptions), and whatever the client throws comes out as a KubeApiError.
import "server-only";
import type { ConfigurationOptions } from "@kubernetes/client-node";
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
  try {
    return await call(callOptions(headers));
  } catch (error) {
    const mapped = toKubeApiError(error);
    if (notFound && mapped.failure === "not_found") return notFound(mapped);
    throw mapped;
  }
}
