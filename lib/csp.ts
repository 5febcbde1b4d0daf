// The Content-Security-Policy of the studio's pages. Scripts run only with the request's nonce (Next puts
// it on its own scripts; 'strict-dynamic' lets those load the app's chunks); styles come from the app's
// own files, and inline `style` attributes (charts, the designer's canvas) are allowed as attributes
// only. Nothing may frame the studio, and forms post only to it.

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers and files are never rendered as pages: no script, no framing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
