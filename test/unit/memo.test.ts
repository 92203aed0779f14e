import { Memo } from "../../src/core/memo";

describe("memo", () => {
  it("shares a value for its time, bounds its size, forgets failures and on clear", async () => {
    let now = 1_700_000_000_000; // a real clock's reading (lru-cache takes a start of 0 as "no time limit")
    let calls = 0;
    const memo = new Memo<number>(1000, 2, () => now);
    const compute = async () => ++calls;
    expect(await memo.get("a", compute)).toBe(1);
    expect(await memo.get("a", compute)).toBe(1);
    now += 1001;
    expect(await memo.get("a", compute)).toBe(2);
    await memo.get("b", compute);
    await memo.get("c", compute); // evicts "a", the oldest
    expect(await memo.get("a", compute)).toBe(5);
    await expect(memo.get("x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await new Promise((r) => setImmediate(r));
    expect(await memo.get("x", compute)).toBe(6);
    memo.clear();
    expect(await memo.get("x", compute)).toBe(7);
  });
});
