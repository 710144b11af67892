/**
 * Memory of another process on this machine, read from Linux's `/proc`: the resident set now
 * (`VmRSS`), its peak (`VmHWM`), resetting that peak (`clear_refs`), and finding a process by
 * name among a parent's descendants (the `workerd` that wrangler or Miniflare starts).
 *
 * @module
 */

/** A process's memory, in bytes. */
export interface ProcessMemory {
  /** Resident now (`VmRSS`). */
  rssBytes: number;
  /** The most ever resident since start or the last {@linkcode resetPeakMemory} (`VmHWM`). */
  peakBytes: number;
}

/**
 * Reads `/proc/<pid>/status`.
 *
 * @throws {Error} When `/proc` has no such process (or this is not Linux).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readProcessMemory } from "./process_memory.ts";
 * const memory = readProcessMemory(Deno.pid);
 * assert(memory.rssBytes > 0 && memory.peakBytes >= memory.rssBytes);
 * ```
 */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readProc(`/proc/${pid}/status`, pid);
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
    if (match === null) throw new Error(`Reading the memory of process ${pid} found no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kib("VmRSS"), peakBytes: kib("VmHWM") };
}

/** Sets the process's peak (`VmHWM`) back to what is resident now (Linux 4.0+). */
export function resetPeakMemory(pid: number): void {
  Deno.writeTextFileSync(`/proc/${pid}/clear_refs`, "5");
}

/**
 * The first process named `name` (its `comm`) among the descendants of `rootPid`, or null.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { findDescendantProcess } from "./process_memory.ts";
 * const child = new Deno.Command("sleep", { args: ["5"] }).spawn();
 * assertEquals(findDescendantProcess(Deno.pid, "sleep"), child.pid);
 * child.kill();
 * await child.status;
 * ```
 */
export function findDescendantProcess(rootPid: number, name: string): number | null {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const pid = Number(entry.name);
    let stat: string;
    try {
      stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ")".
    const close = stat.lastIndexOf(")");
    names.set(pid, stat.slice(stat.indexOf("(") + 1, close));
    const ppid = Number(stat.slice(close + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const queue = [...(children.get(rootPid) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (names.get(pid) === name) return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return null;
}

function readProc(path: string, pid: number): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (cause) {
    throw new Error(`Reading the memory of process ${pid} needs Linux's /proc (${path})`, {
      cause,
    });
  }
}
