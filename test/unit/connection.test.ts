import { CursorCodec, pageSize } from "../../src/core/connection";

describe("cursors and page sizes", () => {
  const codec = new CursorCodec();
  it("round-trips on any instance (no key: a restart or a new JWT_SECRET keeps them) and refuses what is not one", () => {
    const cursor = codec.encode(["NAME", "ASC", "Mật ong", 7]);
    expect(codec.decode(cursor)).toEqual(["NAME", "ASC", "Mật ong", 7]);
    expect(new CursorCodec().decode(cursor)).toEqual(["NAME", "ASC", "Mật ong", 7]);
    expect(() => codec.decode(`x${cursor}`)).toThrow("after is not a cursor");
    expect(() => codec.decode("")).toThrow("after is not a cursor");
  });
  it("still reads a cursor signed before (body.signature), whatever key signed it", () => {
    const body = Buffer.from(JSON.stringify(["products", "mat ong", 7])).toString("base64url");
    expect(codec.decode(`${body}.AbCdEfGhIjKlMnOp`)).toEqual(["products", "mat ong", 7]);
  });
  it("defaults first to 20 and bounds it to 1..100", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(20 * 5);
    expect(() => pageSize(101)).toThrow("first must be between 1 and 100");
    expect(() => pageSize(0)).toThrow();
  });
});

describe("cursors and page sizes: the edges", () => {
  const codec = new CursorCodec();
  it("takes exactly 1 to 100, null as the default, and nothing fractional", () => {
    expect(pageSize(null)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(() => pageSize(2.5)).toThrow("first must be between 1 and 100");
  });
  it("refuses a cursor over 500 characters, with a third part, a signature of the old shape broken, or a body that is not a list", () => {
    const long = codec.encode(["x".repeat(350)]);
    expect(long.length).toBeGreaterThan(450);
    expect(long.length).toBeLessThanOrEqual(500);
    expect(codec.decode(long)).toEqual(["x".repeat(350)]); // up to 500 is fine
    expect(() => codec.decode(codec.encode(["x".repeat(400)]))).toThrow("after is not a cursor");
    const body = codec.encode([1]);
    expect(() => codec.decode(`${body}.AbCdEfGhIjKlMnOp.more`)).toThrow("after is not a cursor");
    expect(() => codec.decode(`${body}.`)).toThrow("after is not a cursor");
    expect(() => codec.decode(".AbCdEfGhIjKlMnOp")).toThrow("after is not a cursor");
    expect(() => codec.decode(`${body}.AbCdEfGhIjKlMnOpx`)).toThrow("after is not a cursor"); // longer signature
    const object = codec.encode({ not: "a list" } as unknown as unknown[]);
    expect(() => codec.decode(object)).toThrow("after is not a cursor");
  });
});

describe("keyset cursors", () => {
  const codec = new CursorCodec();
  it("round-trip the sort key and id of the list and sort they were made for", () => {
    const cursor = codec.encodeKeyset(["NAME", "ASC"], "mat ong", 7);
    expect(codec.decodeKeyset(cursor, ["NAME", "ASC"], false)).toEqual({ value: "mat ong", id: 7 });
    expect(codec.decodeKeyset(codec.encodeKeyset(["dossiers"], 12, 12), ["dossiers"], true)).toEqual({
      value: 12,
      id: 12,
    });
  });
  it("refuse a cursor of another list or sort, a key of the wrong type, a bad id, or extra parts", () => {
    const cursor = codec.encodeKeyset(["NAME", "ASC"], "mat ong", 7);
    expect(() => codec.decodeKeyset(cursor, ["NAME", "DESC"], false)).toThrow("after is not a cursor");
    expect(() => codec.decodeKeyset(cursor, ["products"], false)).toThrow("after is not a cursor");
    expect(() => codec.decodeKeyset(cursor, ["NAME", "ASC"], true)).toThrow("after is not a cursor");
    expect(() => codec.decodeKeyset(codec.encodeKeyset(["x"], 3, 1), ["x"], false)).toThrow(
      "after is not a cursor",
    );
    expect(() => codec.decodeKeyset(codec.encodeKeyset(["x"], "a", 1.5), ["x"], false)).toThrow(
      "after is not a cursor",
    );
    expect(() => codec.decodeKeyset(codec.encode(["x", "a", 1, 2]), ["x"], false)).toThrow(
      "after is not a cursor",
    );
  });
});
