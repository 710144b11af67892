/**
 * Reading a child's output line by line, as it arrives (a test waits for a line, or keeps them all
 * to prove what a service logged).
 *
 * @module
 */

/**
 * Calls `onLine` for every line of `stream` until it ends (a last line without a newline too).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readLines } from "@spkey/testkit/process";
 * const lines: string[] = [];
 * await readLines(new Blob(["one\ntw", "o\nthree"]).stream(), (line) => lines.push(line));
 * assertEquals(lines, ["one", "two", "three"]);
 * ```
 */
export async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    const parts = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) onLine(line);
  }
  if (rest !== "") onLine(rest);
}
