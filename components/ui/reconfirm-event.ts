// The window event a form dispatches when its action asked the person to confirm their sign-in;
// the header's role badge listens for it. Its own module, so the header does not load the form code.
export const RECONFIRM_EVENT = "berth:reconfirm";
