// Whether a TCP port can be listened on, as Next would listen (all interfaces). `npm start` and
// `npm run dev` check before starting anything, and print their banner only once Next answers.
import net from "node:net";

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use: stop what is listening there, or set PORT to another port`);
  }
}

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error));
    server.listen(port, () => server.close(() => resolve()));
  });
}

/** Resolves once something accepts connections on the port; rejects when `gaveUp` says so first. */
export async function waitUntilListening(port: number, gaveUp: () => boolean, intervalMs = 200): Promise<void> {
  for (;;) {
    if (gaveUp()) throw new Error(`nothing listens on port ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "localhost");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
