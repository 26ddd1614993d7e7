// Runs before each integration test file is imported: points Berth's code at the test stack.
import { inject } from "vitest";

const stack = inject("stack");
process.env.DATABASE_URL = stack.databaseUrl;
process.env.KUBECONFIG = stack.kubeconfigPath;
delete process.env.KUBERNETES_SERVICE_HOST;
process.env.BERTH_KUBE_TIMEOUT_MS ??= "2000";
