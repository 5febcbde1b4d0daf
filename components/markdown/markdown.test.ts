import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown/markdown";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { children: text }));

describe("Markdown", () => {
  it("renders headings, lists, emphasis, tables and links", () => {
    const out = html(
      "## Intended use\n\n- **triage** only\n- not _diagnosis_\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/doc)",
    );
    expect(out).toContain("<h2>Intended use</h2>");
    expect(out).toContain("<strong>triage</strong>");
    expect(out).toContain("<em>diagnosis</em>");
    expect(out).toContain("<td>1</td>");
    expect(out).toContain('<a href="https://example.com/doc" rel="noreferrer noopener" target="_blank"');
  });

  it("renders no raw HTML", () => {
    const out = html(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>',
    );
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).not.toMatch(/<a [^>]*href="javascript:/);
    expect(out).not.toContain("onerror");
  });

  it("drops javascript: and data: link targets and leaves images out", () => {
    const out = html(
      "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) ![pixel](https://tracker.example/p.gif)",
    );
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("data:text/html");
    expect(out).not.toContain("<img");
    expect(out).toContain("[image: pixel]");
  });
});
