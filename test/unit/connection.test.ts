import { CursorCodec, pageSize } from "../../src/core/connection";

describe("cursors and page sizes", () => {
  const codec = new CursorCodec("secret-one");
  it("round-trips and refuses cursors signed with another key or altered", () => {
    const cursor = codec.encode(["NAME", "ASC", "Mật ong", 7]);
    expect(codec.decode(cursor)).toEqual(["NAME", "ASC", "Mật ong", 7]);
    expect(() => new CursorCodec("secret-two").decode(cursor)).toThrow("after is not a cursor");
    expect(() => codec.decode(`x${cursor}`)).toThrow("after is not a cursor");
    expect(() => codec.decode("")).toThrow("after is not a cursor");
  });
  it("defaults first to 20 and bounds it to 1..100", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(20 * 5);
    expect(() => pageSize(101)).toThrow("first must be between 1 and 100");
    expect(() => pageSize(0)).toThrow();
  });
});
