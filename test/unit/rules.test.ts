import { starsFor } from "../../src/rules/rule-set.entity";

describe("stars under the rules", () => {
  const rules = {
    starBands: [
      { stars: 5, minPoints: 90 },
      { stars: 4, minPoints: 70 },
      { stars: 3, minPoints: 50 },
      { stars: 2, minPoints: 30 },
      { stars: 1, minPoints: 0 },
    ],
  };
  it("takes the highest band reached whose mandatory criteria most sheets meet", () => {
    expect(starsFor(rules, 90, [5, 5, 4])).toBe(5);
    expect(starsFor(rules, 90, [5, 4, 4])).toBe(4);
    expect(starsFor(rules, 89.99, [5, 5, 5])).toBe(4);
    expect(starsFor(rules, 75, [2, 2, 3])).toBe(2); // the points of 4 stars, no level's mandatory criteria met
    expect(starsFor(rules, 50, [3, 3, 0])).toBe(3);
    expect(starsFor(rules, 49.5, [5, 5, 5])).toBe(2);
    expect(starsFor(rules, 10, [])).toBe(1);
  });
});
