// Runs before each integration test file is imported: points Berth's code at the test stack.
import { inject } from "vitest";

const stack = inject("stack");
process.env.DATABASE_URL = stack.databaseUrl;
process.env.KUBECONFIG = stack.kubeconfigPath;
delete process.env.KUBERNETES_SERVICE_HOST;
process.env.BERTH_KUBE_TIMEOUT_MS ??= "2000";
// The JSON log's own tests capture it; the suites' output stays readable.
process.env.BERTH_LOG_LEVEL ??= "warn";
// Every test actor comes from 127.0.0.1 and some tests act in bursts: the rate limits' rules are
// covered by lib/operations/rate-limit.int.test.ts, which sets its own.
process.env.BERTH_CHANGE_RATE_LIMIT ??= "100000";
process.env.BERTH_EXPORT_RATE_LIMIT ??= "100000";
