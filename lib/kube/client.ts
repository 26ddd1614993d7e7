// The API clients Berth uses, built once per process, plus per-call options that bound
// every request in time (the client has no default timeout) and set headers.
import "server-only";
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  Observable,
  type ConfigurationOptions,
} from "@kubernetes/client-node";
import { kubeSettings } from "@/lib/config";
import { loadKubeConfig } from "./config";


interface Clients {
  customObjects: CustomObjectsApi;
  core: CoreV1Api;
  networking: NetworkingV1Api;
  apps: AppsV1Api;
  authorization: AuthorizationV1Api;
}

let clients: Clients | undefined;

export function kubeClients(): Clients {
  if (!clients) {
    const config = loadKubeConfig();
    clients = {
      customObjects: config.makeApiClient(CustomObjectsApi),
      core: config.makeApiClient(CoreV1Api),
      networking: config.makeApiClient(NetworkingV1Api),
      apps: config.makeApiClient(AppsV1Api),
      authorization: config.makeApiClient(AuthorizationV1Api),
    };
  }
  return clients;
}

/** Request options: a timeout, and any extra headers (e.g. the apply content type). */
export function callOptions(
  headers: Record<string, string> = {},
  timeoutMs = kubeSettings().timeoutMs,
): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (request) => {
          for (const [key, value] of Object.entries(headers)) request.setHeaderParam(key, value);
          request.setSignal(AbortSignal.timeout(timeoutMs));
          return new Observable(Promise.resolve(request));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: "append",
  };
}
