/**
 * Copying text: the async Clipboard API when the page allows it, else the older
 * `execCommand("copy")` through a temporary off-screen textarea (insecure origins, older
 * browsers, denied permission).
 *
 * @module
 */

/**
 * Copies text; resolves `true` when one of the two ways worked.
 *
 * @param text What to copy.
 * @param scratch Where to put the temporary textarea (e.g. the widget's shadow root).
 */
export async function copyText(text: string, scratch: Node & ParentNode): Promise<boolean> {
  try {
    if (typeof globalThis.navigator?.clipboard?.writeText === "function") {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or insecure context: fall through to the legacy path.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.style.cssText = "position:fixed;top:0;left:-9999px;opacity:0";
  scratch.appendChild(area);
  try {
    area.select();
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
