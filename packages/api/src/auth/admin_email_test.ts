import { assertEquals } from "@std/assert";
import { isAdminEmail } from "./admin_email.ts";

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
];

for (const [email, expected] of CASES) {
  Deno.test(`isAdminEmail(${JSON.stringify(email)?.slice(0, 40)}) is ${expected}`, () => {
    assertEquals(isAdminEmail(email, DOMAINS), expected);
  });
}
