// The AAPOR formulas against a hand computation.
import { describe, expect, it } from "vitest";
import { aaporRates, dispositionsOf, rateValue } from "../../../src/invitations/aapor-rates.js";

describe("AAPOR rates", () => {
  // By hand: I=30, P=5, R=10, NC=20, O=5, UH=0, UO=7.
  // All cases: (30+5) + (10+20+5) + (0+7) = 77; contacted: (30+5) + 10 + 5 = 50.
  // RR1 = 30/77 = 0.38961; RR2 = 35/77 = 0.45455; COOP1 = 30/50 = 0.6;
  // COOP2 = 35/50 = 0.7; REF1 = 10/77 = 0.12987.
  const d = dispositionsOf({
    submitted: 30,
    started: 5,
    opted_out: 10,
    invited: 20,
    opened: 5,
    failed: 7,
    not_invited: 400,
  });

  it("maps statuses to AAPOR categories, leaving the not invited out", () => {
    expect(d).toEqual({ I: 30, P: 5, R: 10, NC: 20, O: 5, UH: 0, UO: 7 });
  });

  it("computes each rate as the hand computation does", () => {
    const rates = Object.fromEntries(aaporRates(d).map((r) => [r.code, r]));
    expect(rates.RR1!.value).toBeCloseTo(30 / 77, 10);
    expect(rates.RR1!.value).toBeCloseTo(0.38961, 5);
    expect(rates.RR2!.value).toBeCloseTo(0.45455, 5);
    expect(rates.COOP1!.value).toBe(0.6);
    expect(rates.COOP2!.value).toBe(0.7);
    expect(rates.REF1!.value).toBeCloseTo(0.12987, 5);
    expect(rateValue("RR1", d)).toBe(rates.RR1!.value);
  });

  it("shows each formula in AAPOR's symbols and with the counts put in", () => {
    const [rr1, , coop1] = aaporRates(d);
    expect(rr1!.formula).toBe("RR1 = I / ((I+P) + (R+NC+O) + (UH+UO))");
    expect(rr1!.worked).toBe("30 / ((30 + 5) + (10 + 20 + 5) + (0 + 7)) = 30 / 77");
    expect(coop1!.formula).toBe("COOP1 = I / ((I+P) + R + O)");
    expect(coop1!.worked).toBe("30 / ((30 + 5) + 10 + 5) = 30 / 50");
  });

  it("gives no rate (not zero) before anyone is invited", () => {
    const none = aaporRates(dispositionsOf({ not_invited: 12 }));
    expect(none.map((r) => r.value)).toEqual([null, null, null, null, null]);
  });
});
