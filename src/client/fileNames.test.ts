import { attachmentDisposition, fileNameFromDisposition, fileNameFromUrl } from "./fileNames";

describe("file names", () => {
  it.each([
    ['attachment; filename="Logo final.png"', "Logo final.png"],
    ["attachment; filename=plain.pdf", "plain.pdf"],
    ["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "résumé.pdf"],
    ["inline", undefined],
    ['attachment; filename="unterminated', undefined],
    ["", undefined],
  ])("reads %j as %j", (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });

  it("falls back to the URL's last path segment", () => {
    expect(fileNameFromUrl("https://cdn.example.com/a/Caf%C3%A9.jpg?sig=1")).toBe("Café.jpg");
    expect(fileNameFromUrl("https://cdn.example.com/")).toBeUndefined();
    expect(fileNameFromUrl("not a url")).toBeUndefined();
  });

  it("writes a quoted ASCII fallback and the exact name, which reads back as the same name", () => {
    const header = attachmentDisposition('Café "menu".pdf');
    expect(header).toBe(
      "attachment; filename=\"Caf_ _menu_.pdf\"; filename*=UTF-8''Caf%C3%A9%20%22menu%22.pdf",
    );
    expect(fileNameFromDisposition(header)).toBe('Café "menu".pdf');
  });
});
