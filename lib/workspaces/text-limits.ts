// Length caps of the free-text fields, in a module of their own so that client forms can
// show them without pulling the validation library into the browser bundle.

export const REASON_MAX = 2_000;
export const JUSTIFICATION_MAX = 1_000;
