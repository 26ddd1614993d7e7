// Checkpoints leave the building (THREATS 66): each signed checkpoint is also written to a
// directory outside PostgreSQL (a mounted volume, a synced bucket, another host's share), one
// file per tree size, never overwritten. A database administrator who rewrites history and
// re-signs cannot also change what was published; a second, different checkpoint for a size
// already published is refused as a fork.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export class WitnessForkError extends Error {
  override readonly name = "WitnessForkError";
}

export const witnessFileName = (size: bigint) => `checkpoint-${size.toString().padStart(20, "0")}.note`;

/** The root line (third line) of a checkpoint note. */
const rootLine = (note: string) => note.split("\n")[2] ?? "";

export async function publishToWitness(dir: string, size: bigint, note: string): Promise<"written" | "present"> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, witnessFileName(size));
  try {
    await writeFile(file, note, { flag: "wx", mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const published = await readFile(file, "utf8");
    if (rootLine(published) !== rootLine(note)) {
      throw new WitnessForkError(`the witness already holds a different checkpoint of size ${size} (${file}): the log forked`);
    }
    return "present";
  }
  // The latest, for a quick look; the per-size files are the record.
  const latest = path.join(dir, "latest.note");
  await writeFile(`${latest}.tmp`, note, { mode: 0o644 });
  await rename(`${latest}.tmp`, latest);
  return "written";
}
