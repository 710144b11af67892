/**
 * The memory a kept customer listing takes: its index's retained heap at 10,000 users (the
 * default scan cap) and at 100,000, each measured in a fresh Deno process with V8's `gc()`
 * (`listing_memory_probe.ts`), beside the same users as the raw `{ id, email }` array for
 * comparison. The index is what stays in memory for the TTL (one per instance); its size is
 * linear in the users, which `THREEDEYE_MAX_USERS` caps.
 *
 * @module
 */
const PROBE = new URL("./listing_memory_probe.ts", import.meta.url);

/** One customer size's figures. */
export interface ListingMemoryFigure {
  users: number;
  indexBytes: number;
  rawUsersBytes: number;
  indexBytesPerUser: number;
}

/** The figures at each size. */
export interface ListingMemoryFigures {
  sizes: ListingMemoryFigure[];
}

/** The customer sizes measured. */
export const LISTING_MEMORY_SIZES = [10_000, 100_000] as const;

/**
 * Measures the index's retained heap at each of `sizes` users.
 *
 * @throws {Error} When the probe fails.
 */
export async function measureListingMemory(
  sizes: readonly number[] = LISTING_MEMORY_SIZES,
): Promise<ListingMemoryFigures> {
  const figures: ListingMemoryFigure[] = [];
  for (const users of sizes) {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--v8-flags=--expose-gc", PROBE.pathname, String(users)],
      env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (code !== 0) {
      const why = new TextDecoder().decode(stderr).trim().split("\n").slice(-3).join("\n");
      throw new Error(`Measuring the listing's memory failed (exit ${code}):\n${why}`);
    }
    const measured = JSON.parse(new TextDecoder().decode(stdout).trim().split("\n").at(-1)!);
    figures.push({
      users,
      indexBytes: measured.indexBytes,
      rawUsersBytes: measured.rawUsersBytes,
      indexBytesPerUser: Math.round(measured.indexBytes / users),
    });
  }
  return { sizes: figures };
}
