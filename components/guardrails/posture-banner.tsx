// The admins' posture banner, on every admin page: checks whose last decisive answer was a failure.
import Link from "next/link";
import type { FailingCheck } from "@/lib/cluster/posture";

export function PostureBanner({ failing }: { failing: FailingCheck[] }) {
  if (failing.length === 0) return null;
  return (
    <div role="alert" aria-label="Posture" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">
        {failing.length === 1 ? "A posture check fails" : `${failing.length} posture checks fail`}:{" "}
        {failing.map((check) => check.id).join(", ")}.{" "}
        <Link href="/admin/posture" className="underline">See why and how to fix it</Link>
      </p>
    </div>
  );
}
