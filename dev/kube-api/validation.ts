// Validation the API server runs before storing an object: ObjectMeta rules
// (k8s.io/apimachinery/pkg/util/validation) and the CRD's OpenAPI schema (kube-openapi messages).
import { isObject, sortedKeys, type Json, type JsonObject } from "./json";
import { openApiTypeName, type Schema } from "./schema";
import { goQuote, type FieldError } from "./status";

const DNS1123_SUBDOMAIN_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const full = (fmt: string): RegExp => new RegExp(`^${fmt}$`);

/** validation.RegexError: `<msg> (e.g. 'a' or 'b', regex used for validation is '<fmt>')`. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // Go appends "'x', " per example joined by " or ", hence the double spaces.
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

const maxLen = (n: number): string => `must be no more than ${n} characters`;

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLen(253));
  if (!full(DNS1123_SUBDOMAIN_FMT).test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        "example.com",
      ),
    );
  }
  return errs;
}

export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!full(DNS1123_LABEL_FMT).test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL_FMT,
        "my-name",
        "123-abc",
      ),
    );
  }
  return errs;
}

const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] as string;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!full(QUALIFIED_NAME_FMT).test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`);
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!full(LABEL_VALUE_FMT).test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        "MyValue",
        "my_value",
        "12345",
      ),
    );
  }
  return errs;
}

const invalidValue = (field: string, value: string, detail: string): FieldError => ({
  type: "FieldValueInvalid",
  field,
  value: goQuote(value),
  detail,
});

/** ValidateObjectMetaAccessor for a create or update, in the server's order. */
export function validateObjectMeta(meta: JsonObject, namespaced: boolean, nameRule = isDns1123Subdomain): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof meta["name"] === "string" ? meta["name"] : "";
  if (!name) {
    errs.push({ type: "FieldValueRequired", field: "metadata.name", detail: "name or generateName is required" });
  } else {
    for (const msg of nameRule(name)) errs.push(invalidValue("metadata.name", name, msg));
  }
  if (!namespaced && typeof meta["namespace"] === "string" && meta["namespace"]) {
    errs.push({ type: "FieldValueForbidden", field: "metadata.namespace", detail: "not allowed on this type" });
  }
  const labels = meta["labels"];
  if (isObject(labels)) {
    for (const key of sortedKeys(labels)) {
      for (const msg of isQualifiedName(key)) errs.push(invalidValue("metadata.labels", key, msg));
      const value = labels[key];
      for (const msg of isValidLabelValue(typeof value === "string" ? value : String(value))) {
        errs.push(invalidValue("metadata.labels", String(value), msg));
      }
    }
  }
  const annotations = meta["annotations"];
  if (isObject(annotations)) {
    let size = 0;
    for (const key of sortedKeys(annotations)) {
      for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalidValue("metadata.annotations", key, msg));
      size += key.length + String(annotations[key]).length;
    }
    if (size > 256 * 1024) {
      errs.push({ type: "FieldValueTooLong", field: "metadata.annotations", detail: `must have at most ${256 * 1024} bytes` });
    }
  }
  return errs;
}

/** A custom resource's apiVersion and kind must name the endpoint's type (customResourceValidator). */
export function validateTypeMeta(obj: JsonObject, kind: string, apiVersion: string): FieldError[] {
  const errs: FieldError[] = [];
  const k = typeof obj["kind"] === "string" ? obj["kind"] : "";
  const v = typeof obj["apiVersion"] === "string" ? obj["apiVersion"] : "";
  if (k !== kind) errs.push(invalidValue("kind", k, `must be ${kind}`));
  if (v !== apiVersion) errs.push(invalidValue("apiVersion", v, `must be ${apiVersion}`));
  return errs;
}

function typeInvalid(path: string, want: string, v: Json): FieldError {
  const got = openApiTypeName(v);
  return { type: "FieldValueTypeInvalid", field: path, value: goQuote(got), detail: `${path} in body must be of type ${want}: ${goQuote(got)}` };
}

/** OpenAPI schema validation of everything but metadata (ValidateCustomResource). */
export function validateSchema(obj: JsonObject, schema: Schema): FieldError[] {
  const errs: FieldError[] = [];
  const walk = (v: Json, s: Schema, path: string): void => {
    switch (s.type) {
      case "any":
        return;
      case "struct":
        if (!isObject(v)) return void errs.push(typeInvalid(path, "object", v));
        for (const r of s.required ?? []) {
          if (!(r in v)) errs.push({ type: "FieldValueRequired", field: `${path}.${r}` });
        }
        for (const [key, sub] of Object.entries(s.fields)) {
          if (key in v) walk(v[key] as Json, sub, path ? `${path}.${key}` : key);
        }
        return;
      case "map":
        if (!isObject(v)) return void errs.push(typeInvalid(path, "object", v));
        for (const key of sortedKeys(v)) walk(v[key] as Json, s.values, `${path}.${key}`);
        return;
      case "list":
        if (!Array.isArray(v)) return void errs.push(typeInvalid(path, "array", v));
        v.forEach((item, i) => walk(item, s.items, `${path}[${i}]`));
        return;
      case "int-or-string":
        if (typeof v === "string") {
          if (s.pattern && !new RegExp(s.pattern).test(v)) {
            errs.push({ ...invalidValue(path, v, `${path} in body should match '${s.pattern}'`) });
          }
        } else if (!(typeof v === "number" && Number.isInteger(v))) {
          errs.push(typeInvalid(path, "integer,string", v));
        }
        return;
      case "integer":
        if (!(typeof v === "number" && Number.isInteger(v))) errs.push(typeInvalid(path, "integer", v));
        return;
      case "quantity":
      case "string":
        if (typeof v !== "string") errs.push(typeInvalid(path, "string", v));
        return;
      case "boolean":
        if (typeof v !== "boolean") errs.push(typeInvalid(path, "boolean", v));
        return;
    }
  };
  if (schema.type === "struct") {
    for (const [key, sub] of Object.entries(schema.fields)) {
      if (key !== "metadata" && key !== "apiVersion" && key !== "kind" && key in obj) walk(obj[key] as Json, sub, key);
    }
  }
  return errs;
}
