import { checkFilter } from "../../src/catalog/filter";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { argument: string } }).extensions.argument;
  }
  return null;
};

describe("the catalog filter", () => {
  it("keeps good values once each and treats empty lists as no filter", () => {
    expect(
      checkFilter({
        communeCodes: ["03390", "03390", "03595"],
        categoryCodes: ["I", "I.2", "II.1.a"],
        stars: [3, 5, 5],
      }),
    ).toEqual({
      communeCodes: ["03390", "03595"],
      categoryCodes: ["I", "I.2", "II.1.a"],
      stars: [3, 5],
    });
    expect(checkFilter({ communeCodes: [], stars: [] })).toEqual({
      communeCodes: undefined,
      categoryCodes: undefined,
      stars: undefined,
    });
    expect(checkFilter(null)).toEqual({
      communeCodes: undefined,
      categoryCodes: undefined,
      stars: undefined,
    });
  });
  it("refuses bad codes, stars outside 3–5, and names the field", () => {
    expect(refusal(() => checkFilter({ communeCodes: ["3390"] }))).toBe("filter.communeCodes");
    expect(refusal(() => checkFilter({ communeCodes: ["033901"] }))).toBe("filter.communeCodes");
    expect(refusal(() => checkFilter({ categoryCodes: ["I.2.ab"] }))).toBe("filter.categoryCodes");
    expect(refusal(() => checkFilter({ categoryCodes: ["i"] }))).toBe("filter.categoryCodes");
    expect(refusal(() => checkFilter({ stars: [2] }))).toBe("filter.stars");
    expect(refusal(() => checkFilter({ stars: [6] }))).toBe("filter.stars");
    expect(refusal(() => checkFilter({ stars: [3, 4, 5] }))).toBeNull();
  });
  it("takes at most 100 values a list and 200 characters of search, and plausible years", () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => String(10000 + i));
    expect(refusal(() => checkFilter({ communeCodes: codes(100) }))).toBeNull();
    expect(refusal(() => checkFilter({ communeCodes: codes(101) }))).toBe("filter.communeCodes");
    expect(refusal(() => checkFilter({ search: "a".repeat(200) }))).toBeNull();
    expect(refusal(() => checkFilter({ search: "a".repeat(201) }))).toBe("filter.search");
    for (const ok of [1990, 2200]) expect(refusal(() => checkFilter({ certifiedInYear: ok }))).toBeNull();
    for (const bad of [1989, 2201])
      expect(refusal(() => checkFilter({ certifiedInYear: bad }))).toBe("filter.certifiedInYear");
    expect(checkFilter({ certifiedInYear: null }).certifiedInYear).toBeNull();
  });
  it("says which values are wrong, at most five", () => {
    try {
      checkFilter({ stars: [1, 2, 6, 7, 8, 9] });
    } catch (e) {
      expect((e as Error).message).toBe("stars: 1, 2, 6, 7, 8 — not 3, 4 or 5.");
    }
    expect.assertions(1);
  });
});
