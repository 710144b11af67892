import { assertEquals } from "@std/assert";
import { isAdminEmail, isEmailVerifiedClaimAccepted } from "./admin_email.ts";

const DOMAINS = ["smartphonekey.com", "ops.example.org"];

const CASES: Array<[unknown, boolean]> = [
  ["ops@smartphonekey.com", true],
  ["Ops.Team@SmartphoneKey.COM", true],
  ["someone@ops.example.org", true],
  ["ops@evil-smartphonekey.com", false],
  ["ops@smartphonekey.com.evil.io", false],
  ["ops@sub.smartphonekey.com", false],
  ["ops@smartphonekey.co", false],
  ["smartphonekey.com", false],
  ["@smartphonekey.com", false],
  ["a@b@smartphonekey.com", false],
  ["evil.io@smartphonekey.com@evil.io", false],
  ["ops @smartphonekey.com", false],
  ["ops@smartphonekey.com ", false],
  ['"ops"@smartphonekey.com', false],
  [["ops@smartphonekey.com"], false],
  [null, false],
  [undefined, false],
  [42, false],
  [`${"a".repeat(300)}@smartphonekey.com`, false],
  // Unicode case rules would map these onto an admin domain; ASCII comparison does not.
  ["ops@smartphone\u212Aey.com", false],
  ["ops@SMARTPHONE\u212AEY.COM", false],
  ["ops@smartphonekey.com\u0130", false],
  ["\u212Aelvin@smartphonekey.com", false],
  ["op\u00E9@smartphonekey.com", false],
  ["ops@smartphonekey.com\u200B", false],
  // Control characters anywhere, NUL and DEL included.
  ["ops\u0000@smartphonekey.com", false],
  ["ops\u007F@smartphonekey.com", false],
  ["ops\n@smartphonekey.com", false],
  ["ops\t@smartphonekey.com", false],
  ["ops@smartphonekey.com\u0000", false],
  ["ops@smartphonekey.com\r\n", false],
  // Printable ASCII the local part allows.
  ["ops+oncall@smartphonekey.com", true],
  ["o'neil@smartphonekey.com", true],
];

for (const [email, expected] of CASES) {
  Deno.test(`isAdminEmail(${JSON.stringify(email)?.slice(0, 40)}) is ${expected}`, () => {
    assertEquals(isAdminEmail(email, DOMAINS), expected);
  });
}

const EMAIL_VERIFIED: Array<[unknown, boolean]> = [
  [undefined, true],
  [true, true],
  ["true", true],
  [false, false],
  ["false", false],
  ["False", false],
  ["TRUE", false],
  [0, false],
  [1, false],
  [null, false],
  ["", false],
  [{}, false],
];

for (const [claim, expected] of EMAIL_VERIFIED) {
  Deno.test(`isEmailVerifiedClaimAccepted(${JSON.stringify(claim)}) is ${expected}`, () => {
    assertEquals(isEmailVerifiedClaimAccepted(claim), expected);
  });
}
