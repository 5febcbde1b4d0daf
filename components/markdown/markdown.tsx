import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";

// User-written Markdown (model cards) rendered as React elements, never as an HTML string: raw HTML in the
// text is dropped (no rehype-raw here, and rehype-sanitize with GitHub's schema removes what is left), link URLs
// keep only http(s), mailto and relative forms. Images are named, not loaded: the studio's CSP allows no remote
// images, and a card is no place for tracking pixels.

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} rel="noreferrer noopener" target="_blank" className="text-accent hover:underline">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="text-muted">[image{alt ? `: ${alt}` : ""}]</span>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown text-sm">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeSanitize, defaultSchema]]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
