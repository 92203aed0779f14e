import { fold, slugify, words } from "../../src/core/text";

describe("text folding", () => {
  it("removes case, tones and vowel marks and turns đ into d", () => {
    expect(fold("Mật ong Pa Ủ")).toBe("mat ong pa u");
    expect(fold("ĐÔNG PHƯƠNG mỹ nhân")).toBe("dong phuong my nhan");
    expect(fold("Cà, Hà & Đà!")).toBe("ca ha da");
    expect(fold("Mật ong Pa Ủ".normalize("NFD"))).toBe("mat ong pa u");
    expect(words("Trà trà TRÀ xanh")).toEqual(["tra", "xanh"]);
    expect(slugify("Gạo Séng Cù Than Uyên")).toBe("gao-seng-cu-than-uyen");
  });
});
