import { describe, expect, it } from "vitest";
import { renewalWindow } from "./renewal-window";

const DAY = 24 * 60 * 60 * 1000;
const end = new Date("2027-03-01T00:00:00Z");

describe("renewalWindow (THREATS 39)", () => {
  it("is closed before the notice window and names the day it opens", () => {
    expect(renewalWindow(end, null, 7, new Date(end.getTime() - 30 * DAY))).toEqual({
      open: false,
      opensAt: new Date("2027-02-22T00:00:00Z"),
      reason: "Renewal opens 7 days before the end date: you can ask from 2027-02-22.",
    });
  });

  it("is open inside the window", () => {
    expect(renewalWindow(end, null, 7, new Date(end.getTime() - 3 * DAY)).open).toBe(true);
  });

  it("is closed once a renewal happened inside this window, and open again for a renewal of an earlier window", () => {
    const now = new Date(end.getTime() - 2 * DAY);
    expect(renewalWindow(end, new Date(end.getTime() - 3 * DAY), 7, now)).toMatchObject({ open: false, reason: expect.stringMatching(/already renewed on 2027-02-26/) });
    expect(renewalWindow(end, new Date(end.getTime() - 40 * DAY), 7, now).open).toBe(true);
  });
});
