import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/auth/password-policy.js";

describe("passwordProblem (NIST 800-63B)", () => {
  it.each([
    ["short", /at least 12 characters/],
    ["password1234", /too common/],
    ["qwertyuiop123", /too common/],
    ["aaaaaaaaaaaaaaaa", /too common/],
    ["x".repeat(129) + "y", /at most 128/],
  ])("refuses %j", (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("accepts a long passphrase without symbols or digits", () => {
    expect(passwordProblem("mossy granite lantern")).toBeNull();
  });

  it("refuses a password containing the email's name", () => {
    expect(passwordProblem("jsmith-is-my-password", { email: "jsmith@agency.gov" })).toMatch(/email address/);
  });
});
