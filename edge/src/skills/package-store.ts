import { blobKey } from "@clawgate/durable-objects/content/blobs.ts";
import { putBlob } from "@clawgate/durable-objects";

/** SKILL.md texts live in R2 by hash, like every other workspace content; D1 holds the hash and size. */
export async function storeSkillMd(bucket: R2Bucket, skillMd: string): Promise<{ sha256: string; size: number }> {
  return { sha256: await putBlob(bucket, skillMd), size: new TextEncoder().encode(skillMd).length };
}

export async function readSkillMd(bucket: R2Bucket, sha256: string): Promise<string> {
  const object = await bucket.get(blobKey(sha256));
  if (!object) throw new Error(`SKILL.md blob ${sha256} is missing from R2`);
  return object.text();
}
