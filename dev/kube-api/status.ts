// metav1.Status bodies as kube-apiserver builds them (k8s.io/apimachinery/pkg/api/errors),
// with the same messages, reasons, detail fields and key order as the recorded samples.
import type { Json, JsonObject } from "./json";

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

interface StatusInit {
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
  continueToken?: string;
}

/** Field order follows the Go structs, so the JSON reads exactly like the server's. */
export function statusBody(init: StatusInit): JsonObject {
  const body: JsonObject = {
    kind: "Status",
    apiVersion: "v1",
    metadata: init.continueToken ? { continue: init.continueToken } : {},
    status: init.status,
  };
  if (init.message) body["message"] = init.message;
  if (init.reason) body["reason"] = init.reason;
  if (init.details) {
    const d = init.details;
    const details: JsonObject = {};
    if (d.name) details["name"] = d.name;
    if (d.group) details["group"] = d.group;
    if (d.kind) details["kind"] = d.kind;
    if (d.uid) details["uid"] = d.uid;
    if (d.causes && d.causes.length > 0) details["causes"] = d.causes as unknown as Json;
    if (d.retryAfterSeconds) details["retryAfterSeconds"] = d.retryAfterSeconds;
    body["details"] = details;
  }
  if (init.code) body["code"] = init.code;
  return body;
}

/** A failed API call: thrown by handlers, turned into a response by the server. */
export class ApiError extends Error {
  readonly code: number;
  readonly body: JsonObject;
  readonly headers: Record<string, string>;
  constructor(code: number, body: JsonObject, headers: Record<string, string> = {}) {
    super(typeof body["message"] === "string" ? body["message"] : `HTTP ${code}`);
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
}

function failure(code: number, reason: string | undefined, message: string, details?: StatusDetails): ApiError {
  return new ApiError(code, statusBody({ status: "Failure", message, reason, details, code }));
}

/** A group-qualified resource, e.g. `profiles.kubeflow.org` or plain `resourcequotas` for the core group. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function grString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** Go's %q for the strings we quote (ASCII names and values). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export const unauthorized = (): ApiError => failure(401, "Unauthorized", "Unauthorized");

export const notFound = (gr: GroupResource, name: string): ApiError =>
  failure(404, "NotFound", `${grString(gr)} ${goQuote(name)} not found`, { name, group: gr.group, kind: gr.resource });

/** The generic 404 for paths no handler serves (details is present but empty, as on a real server). */
export const pathNotFound = (): ApiError =>
  failure(404, "NotFound", "the server could not find the requested resource", {});

export const methodNotAllowed = (): ApiError =>
  failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});

export const alreadyExists = (gr: GroupResource, name: string): ApiError =>
  failure(409, "AlreadyExists", `${grString(gr)} ${goQuote(name)} already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });

export const conflict = (gr: GroupResource, name: string, why: string): ApiError =>
  failure(409, "Conflict", `Operation cannot be fulfilled on ${grString(gr)} ${goQuote(name)}: ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });

export const OBJECT_MODIFIED = "the object has been modified; please apply your changes to the latest version and try again";

export const badRequest = (message: string): ApiError => failure(400, "BadRequest", message);

export const forbidden = (gr: GroupResource, name: string, why: string): ApiError => {
  const grs = grString(gr);
  const message = !grs ? `forbidden: ${why}` : name ? `${grs} ${goQuote(name)} is forbidden: ${why}` : `${grs} is forbidden: ${why}`;
  return failure(403, "Forbidden", message, { name, group: gr.group, kind: gr.resource });
};

export const unsupportedMediaType = (accepted: readonly string[]): ApiError =>
  failure(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );

/** An error that is not a StatusError inside the server: 500 with no reason at all. */
export const unknownInternal = (message: string): ApiError => failure(500, undefined, message);

export const internalError = (why: string): ApiError =>
  failure(500, "InternalError", `Internal error occurred: ${why}`, { causes: [{ message: why }] });

export const expired = (message: string, continueToken?: string): ApiError =>
  new ApiError(410, statusBody({ status: "Failure", message, reason: "Expired", code: 410, continueToken }));

export const requestEntityTooLarge = (limit: number): ApiError =>
  failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`);

// ---- field errors (k8s.io/apimachinery/pkg/util/validation/field) ----

export type FieldErrorType =
  | "FieldValueInvalid"
  | "FieldValueTypeInvalid"
  | "FieldValueRequired"
  | "FieldValueForbidden"
  | "FieldValueNotSupported"
  | "FieldValueTooLong";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Already rendered as Go would print the bad value (e.g. `"Bad_Name"` or `0x0`). */
  value?: string;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: "Invalid value",
  FieldValueTypeInvalid: "Invalid value",
  FieldValueRequired: "Required value",
  FieldValueForbidden: "Forbidden",
  FieldValueNotSupported: "Unsupported value",
  FieldValueTooLong: "Too long",
};

export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** utilerrors.Aggregate: one error prints bare, several print as `[a, b]` with duplicates dropped. */
export function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(", ")}]`;
}

/** errors.NewInvalid: 422 with one cause per field error. */
export function invalid(group: string, kind: string, name: string, errs: FieldError[]): ApiError {
  const qualified = group ? `${kind}.${group}` : kind;
  const messages = errs.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  const message = errs.length
    ? `${qualified} ${goQuote(name)} is invalid: ${aggregate(messages)}`
    : `${qualified} ${goQuote(name)} is invalid`;
  return failure(422, "Invalid", message, {
    name,
    group,
    kind,
    causes: errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

/**
 * A Status for an injected fault, shaped like NewGenericServerResponse builds it for that code
 * (details always present, retryAfterSeconds when given; 500s as NewInternalError; 401 as authn's).
 */
export function faultStatus(code: number, reason?: string, message?: string, retryAfterSeconds?: number): ApiError {
  if (code === 401 && !reason && !message) return unauthorized();
  const defaults: Record<number, [string, string]> = {
    400: ["BadRequest", "the server rejected our request for an unknown reason"],
    401: ["Unauthorized", "Unauthorized"],
    403: ["Forbidden", "forbidden: injected fault"],
    404: ["NotFound", "the server could not find the requested resource"],
    405: ["MethodNotAllowed", "the server does not allow this method on the requested resource"],
    409: ["Conflict", "the server reported a conflict"],
    410: ["Expired", "The resourceVersion for the provided list is too old."],
    422: ["Invalid", "the server rejected our request due to an error in our request"],
    429: ["TooManyRequests", "the server has received too many requests and has asked us to try again later"],
    500: ["InternalError", "Internal error occurred: injected fault"],
    503: ["ServiceUnavailable", "the server is currently unable to handle the request"],
    504: ["Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"],
  };
  const fallback: [string, string] =
    code >= 500
      ? ["InternalError", `an error on the server ("injected fault") has prevented the request from succeeding`]
      : ["", `the server responded with the status code ${code} but did not return more information`];
  const [defReason, defMessage] = defaults[code] ?? fallback;
  const details: StatusDetails = {};
  if (code === 500 && !message) details.causes = [{ message: "injected fault" }];
  if (retryAfterSeconds) details.retryAfterSeconds = retryAfterSeconds;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  const body = statusBody({ status: "Failure", message: message ?? defMessage, reason: reason ?? (defReason || undefined), details, code });
  return new ApiError(code, body, headers);
}
