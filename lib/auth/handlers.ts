// The Auth.js route handlers, re-exported by app/api/auth/[...nextauth]/route.ts.
import { handlers } from "./auth";

export const { GET, POST } = handlers;
